/** Beside a setting hospital IT set: why it cannot be changed here. */
export function LockedNote({ locked }: { locked: boolean }) {
  return locked ? <span class="subtle"> (set by your organization)</span> : null;
}
