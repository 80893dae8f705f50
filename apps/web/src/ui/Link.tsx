import { AnchorHTMLAttributes, MouseEvent } from 'react';
import { href, navigate } from '../router';

/** A real link (middle click, copy address), followed inside the page on a plain click. */
export function Link({ to, className = 'ecl-link', ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...rest} className={className} href={href(to)} onClick={follow} />;
}
