import type { ReactNode } from 'react';
import { ChatBubbleIcon } from './icons.tsx';

export function Header({ subtitle, action }: { subtitle: string; action?: ReactNode }) {
  return (
    <header className="widget-header">
      <span className="widget-header__mark">
        <ChatBubbleIcon />
      </span>
      <div className="widget-header__text">
        <h1 className="widget-header__title">Chat with us</h1>
        <p className="widget-header__subtitle">{subtitle}</p>
      </div>
      {action}
    </header>
  );
}
