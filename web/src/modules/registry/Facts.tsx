import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';

/** A description list of label → value; empty values show a dash so the gap is visible on paper. */
export function Facts({
  items,
  labelWidth = 'clamp(8rem, 40%, 14rem)',
}: {
  items: [label: string, value: ReactNode][];
  labelWidth?: string;
}) {
  return (
    <DataList labelWidth={labelWidth} gap="xs" withDivider>
      {items.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel fw={600}>{label}</DataList.ItemLabel>
          <DataList.ItemValue>
            {value === null || value === undefined || value === '' ? '—' : value}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
