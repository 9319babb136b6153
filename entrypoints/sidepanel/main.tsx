import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main>
      <h1>Unitwise</h1>
      <p>Open a visit form to see billing checks here.</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
