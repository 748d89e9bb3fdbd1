import { hue, initials } from "../format.ts";

export function Avatar({ id, name, size = 40, group = false }: { id: number; name: string; size?: number; group?: boolean }) {
  const h = hue(id);
  return (
    <span
      class={`avatar${group ? " avatar-group" : ""}`}
      style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.38)}px`, background: `hsl(${h} 45% 88%)`, color: `hsl(${h} 40% 32%)` }}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}
