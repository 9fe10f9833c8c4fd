import { linkify } from './linkify.ts';
import './message.css';

/**
 * Plain text with its web addresses as links that open in a new tab and tell the opened page
 * nothing about the desk. Everything stays React text: nothing is parsed as HTML.
 */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, index) =>
        part.href ? (
          <a
            key={index}
            className="text-link"
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
          >
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
