/** Icons of the bookings in/out screens, drawn like components/icons.tsx (16px, currentColor, hidden from assistive technology). */
type IconProps = { className?: string };

function Svg({ className, children, size = 16 }: IconProps & { children: React.ReactNode; size?: number }) {
  return (
    <svg className={`icon ${className ?? ''}`} viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const line = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function PlusIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 3v10M3 8h10" {...line} strokeWidth={1.75} />
    </Svg>
  );
}

export function ImportIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 2v8M4.75 6.75L8 10l3.25-3.25" {...line} />
      <path d="M2.5 10.5v1.75c0 .7.55 1.25 1.25 1.25h8.5c.7 0 1.25-.55 1.25-1.25V10.5" {...line} />
    </Svg>
  );
}

export function ExportIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 10V2M4.75 5.25L8 2l3.25 3.25" {...line} />
      <path d="M2.5 10.5v1.75c0 .7.55 1.25 1.25 1.25h8.5c.7 0 1.25-.55 1.25-1.25V10.5" {...line} />
    </Svg>
  );
}

export function SearchIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="7" cy="7" r="4.5" {...line} />
      <path d="M10.5 10.5L14 14" {...line} strokeWidth={1.75} />
    </Svg>
  );
}

export function FileIcon(props: IconProps & { size?: number }) {
  return (
    <Svg {...props}>
      <path d="M4 1.75h5.25L12.5 5v8.5c0 .4-.35.75-.75.75h-7.5a.75.75 0 0 1-.75-.75V2.5c0-.4.35-.75.75-.75z" {...line} />
      <path d="M9 1.75V5.25h3.5M5.75 8.5h4.5M5.75 11h3" {...line} />
    </Svg>
  );
}

export function CheckCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6.25" {...line} />
      <path d="M5 8.25l2 2 4-4.25" {...line} strokeWidth={1.75} />
    </Svg>
  );
}

export function WarnIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 1.9L14.6 13.5H1.4z" {...line} />
      <path d="M8 6.25v3.25" {...line} strokeWidth={1.75} />
      <circle cx="8" cy="11.6" r="0.9" fill="currentColor" />
    </Svg>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6.25" {...line} />
      <path d="M8 7.25v4" {...line} strokeWidth={1.75} />
      <circle cx="8" cy="4.9" r="0.95" fill="currentColor" />
    </Svg>
  );
}
