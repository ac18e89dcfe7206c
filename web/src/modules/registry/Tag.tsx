import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A short status word in an outlined frame. Unlike a plain Badge it is never cut short with an
 * ellipsis in a narrow column (it wraps instead), and it keeps the case of the words, which reads
 * better in Azerbaijani and Russian than capitals.
 */
export function Tag({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Badge
      variant="outline"
      color={color}
      tt="none"
      size="md"
      h="auto"
      py={2}
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' } }}
    >
      {children}
    </Badge>
  );
}
