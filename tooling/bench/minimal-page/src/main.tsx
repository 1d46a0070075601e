// The floor for first-load JavaScript: React and ReactDOM rendering one heading, as the Vite
// React template starts. Built by first-load.bench.ts with the same Vite and React plugin as the apps.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <h1>Hello</h1>
    </StrictMode>,
  );
