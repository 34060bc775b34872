import { createElement, type ReactElement } from 'react';
import type { AbstractNode, IconDefinition } from '@ant-design/icons-svg/es/types';

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function render(node: AbstractNode, key?: number): ReactElement {
  const attrs = Object.fromEntries(Object.entries(node.attrs).map(([name, value]) => [camel(name), value]));
  return createElement(node.tag, { key, ...attrs }, node.children?.map(render));
}

/**
 * An Ant Design icon drawn from its SVG definition (@ant-design/icons-svg) without the icon
 * component's runtime: the portal's frame and home use these, so they paint before any of Ant
 * Design loads. Same size and colour rules as Ant Design's icons (1em, currentColor); decorative.
 */
export function SvgIcon({ icon }: { icon: IconDefinition }) {
  const node = typeof icon.icon === 'function' ? icon.icon('currentColor', '#e6f4ff') : icon.icon;
  return (
    <span className="svg-icon" aria-hidden>
      {createElement('svg', { ...node.attrs, width: '1em', height: '1em', fill: 'currentColor' }, node.children?.map(render))}
    </span>
  );
}
