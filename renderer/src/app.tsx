/** The placeholder page until the vault console arrives (the desktop UI issue). */
export function App() {
  return (
    <main>
      <h1>Custodian</h1>
      <p>The vault console arrives in the desktop issue.</p>
    </main>
  );
}
