/** The first focusable element of every page: lets keyboard users jump past the header to main#main. */
export function SkipLink() {
  return (
    <a className="td-skip-link" href="#main">
      Skip to main content
    </a>
  );
}
