/** Toolbar icons: plain strokes in the text colour, hidden from assistive technology (buttons carry labels). */
import type { ReactNode } from "react";

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const icons = {
  orderedList: (
    <Icon>
      <path d="M10 6h11M10 12h11M10 18h11M4 4h1v5M4 9h2M6 18H4c0-1 2-2 2-3s-1-1.5-2-1" />
    </Icon>
  ),
  bulletList: (
    <Icon>
      <path d="M9 6h12M9 12h12M9 18h12" />
      <circle cx="4" cy="6" r="1" fill="currentColor" />
      <circle cx="4" cy="12" r="1" fill="currentColor" />
      <circle cx="4" cy="18" r="1" fill="currentColor" />
    </Icon>
  ),
  blockquote: (
    <Icon>
      <path d="M4 5v14M9 7h11M9 12h11M9 17h7" />
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7" />
      <path d="M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" />
    </Icon>
  ),
  horizontalRule: (
    <Icon>
      <path d="M3 12h18" />
    </Icon>
  ),
  table: (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="1" />
      <path d="M3 9h18M3 14.5h18M9 4v16M15 4v16" />
    </Icon>
  ),
  image: (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="1" />
      <circle cx="9" cy="10" r="2" />
      <path d="m21 16-5-5-9 9" />
    </Icon>
  ),
  alignLeft: (
    <Icon>
      <path d="M3 6h18M3 10h12M3 14h18M3 18h12" />
    </Icon>
  ),
  alignCenter: (
    <Icon>
      <path d="M3 6h18M6 10h12M3 14h18M6 18h12" />
    </Icon>
  ),
  alignRight: (
    <Icon>
      <path d="M3 6h18M9 10h12M3 14h18M9 18h12" />
    </Icon>
  ),
  alignJustify: (
    <Icon>
      <path d="M3 6h18M3 10h18M3 14h18M3 18h18" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="m15 14 5-5-5-5" />
      <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
    </Icon>
  ),
  comment: (
    <Icon>
      <path d="M21 15a2 2 0 0 1-2 2H8l-4 4V5a2 2 0 0 1 2-2h13a2 2 0 0 1 2 2z" />
    </Icon>
  ),
} as const;
