// What the page finds on `window` without importing it: Tauri's global API (withGlobalTauri),
// as far as the page uses it. Checked by tsconfig.json; nothing here is shipped.
interface TauriChannel<T> {
  onmessage: (message: T) => void;
}

interface Window {
  __TAURI__?: {
    core: {
      invoke<T>(command: string, args?: Record<string, unknown>): Promise<T>;
      Channel: { new <T = unknown>(): TauriChannel<T> };
    };
  };
}
