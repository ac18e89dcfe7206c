import type { bodyRegions } from '@custodia/domain';
import { Group, Text, VisuallyHidden } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InjuryDraft } from './formValues.ts';
import './screening.css';

type Region = (typeof bodyRegions)[number];
type Side = 'front' | 'back';

const W = 200;
const H = 420;

type Shape =
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number };

/** Where a region sits on the viewer's left (L) or right (R) of the figure. */
const L = { arm: 40, hand: 51, leg: 72, foot: 85 };
const R = { arm: 138, hand: 149, leg: 102, foot: 115 };

function limbs(personRight: typeof L, personLeft: typeof L): [Region, Shape][] {
  return [
    ['arm_right', { kind: 'rect', x: personRight.arm, y: 74, w: 22, h: 110 }],
    ['arm_left', { kind: 'rect', x: personLeft.arm, y: 74, w: 22, h: 110 }],
    ['hand_right', { kind: 'ellipse', cx: personRight.hand, cy: 198, rx: 11, ry: 14 }],
    ['hand_left', { kind: 'ellipse', cx: personLeft.hand, cy: 198, rx: 11, ry: 14 }],
    ['leg_right', { kind: 'rect', x: personRight.leg, y: 214, w: 26, h: 150 }],
    ['leg_left', { kind: 'rect', x: personLeft.leg, y: 214, w: 26, h: 150 }],
    ['foot_right', { kind: 'ellipse', cx: personRight.foot, cy: 380, rx: 14, ry: 10 }],
    ['foot_left', { kind: 'ellipse', cx: personLeft.foot, cy: 380, rx: 14, ry: 10 }],
  ];
}

/**
 * The regions of each view. Seen from the front, the person's right is on the viewer's left; from
 * the back, on the viewer's right.
 */
const views: Record<Side, [Region, Shape][]> = {
  front: [
    ['face', { kind: 'ellipse', cx: 100, cy: 32, rx: 22, ry: 26 }],
    ['neck', { kind: 'rect', x: 90, y: 58, w: 20, h: 14 }],
    ['chest', { kind: 'rect', x: 64, y: 72, w: 72, h: 60 }],
    ['abdomen', { kind: 'rect', x: 66, y: 132, w: 68, h: 52 }],
    ['genitals', { kind: 'rect', x: 70, y: 184, w: 60, h: 30 }],
    ...limbs(L, R),
  ],
  back: [
    ['head', { kind: 'ellipse', cx: 100, cy: 32, rx: 22, ry: 26 }],
    ['neck', { kind: 'rect', x: 90, y: 58, w: 20, h: 14 }],
    ['back_upper', { kind: 'rect', x: 64, y: 72, w: 72, h: 60 }],
    ['back_lower', { kind: 'rect', x: 66, y: 132, w: 68, h: 52 }],
    ['buttocks', { kind: 'rect', x: 70, y: 184, w: 60, h: 30 }],
    ...limbs(R, L),
  ],
};

function centre(shape: Shape): { x: number; y: number } {
  return shape.kind === 'ellipse'
    ? { x: shape.cx / W, y: shape.cy / H }
    : { x: (shape.x + shape.w / 2) / W, y: (shape.y + shape.h / 2) / H };
}

/** The point (0–1, from the top left) of a region of a view, for an injury placed there. */
export function regionCentre(side: Side, region: Region): { x: number; y: number } {
  const shape =
    views[side].find(([r]) => r === region)?.[1] ??
    views[side === 'front' ? 'back' : 'front'].find(([r]) => r === region)?.[1];
  return shape ? centre(shape) : { x: 0.5, y: 0.5 };
}

interface Props {
  injuries: InjuryDraft[];
  readOnly: boolean;
  onAdd: (side: Side, region: Region, point: { x: number; y: number }) => void;
}

/**
 * A front and back body chart (ADM-4, INJ-1): each region is a labelled button reachable with Tab,
 * Enter or Space adds an injury there; injuries already recorded are numbered on the chart as in
 * the list below it.
 */
export function BodyChart({ injuries, readOnly, onAdd }: Props) {
  const { t } = useTranslation('screening');
  const activate = (side: Side, region: Region, shape: Shape) => onAdd(side, region, centre(shape));
  const onKey = (side: Side, region: Region, shape: Shape) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(side, region, shape);
    }
  };
  return (
    <Group gap="lg" align="flex-start" wrap="wrap">
      {(['front', 'back'] as const).map((side) => {
        const titleId = `body-chart-${side}`;
        return (
          <figure key={side} className="screening-body-chart">
            {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a fieldset */}
            <svg
              viewBox={`0 0 ${W} ${H}`}
              width={160}
              height={336}
              role="group"
              aria-labelledby={titleId}
              className="screening-body-svg"
            >
              <title>{t(`injuries.views.${side}`)}</title>
              {views[side].map(([region, shape]) => {
                const count = injuries.filter((i) => i.side === side && i.region === region).length;
                const label = t('injuries.regionButton', {
                  side: t(`injuries.views.${side}`),
                  region: t(`regions.${region}`),
                  count,
                });
                const common = {
                  className: count ? 'screening-region screening-region-marked' : 'screening-region',
                  ...(readOnly
                    ? {
                        role: 'img',
                        'aria-label': t('injuries.regionReadOnly', { region: t(`regions.${region}`), count }),
                      }
                    : {
                        role: 'button',
                        tabIndex: 0,
                        'aria-label': label,
                        onClick: () => activate(side, region, shape),
                        onKeyDown: onKey(side, region, shape),
                      }),
                };
                return shape.kind === 'ellipse' ? (
                  <ellipse key={region} cx={shape.cx} cy={shape.cy} rx={shape.rx} ry={shape.ry} {...common} />
                ) : (
                  <rect key={region} x={shape.x} y={shape.y} width={shape.w} height={shape.h} {...common} />
                );
              })}
              {injuries.map((injury, i) =>
                injury.side === side && injury.x !== null && injury.y !== null ? (
                  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a drawing, not focusable; the list below names each injury
                  <g key={injury.key} aria-hidden="true" className="screening-marker">
                    <circle cx={injury.x * W} cy={injury.y * H} r={9} />
                    <text x={injury.x * W} y={injury.y * H + 4} textAnchor="middle" fontSize={11}>
                      {i + 1}
                    </text>
                  </g>
                ) : null,
              )}
            </svg>
            <Text component="figcaption" id={titleId} ta="center" fw={600} size="sm">
              {t(`injuries.views.${side}`)}
              <VisuallyHidden> — {t('injuries.chartHelp')}</VisuallyHidden>
            </Text>
          </figure>
        );
      })}
    </Group>
  );
}
