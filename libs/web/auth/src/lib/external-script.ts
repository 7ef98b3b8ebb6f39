const loading = new Map<string, Promise<void>>();

/**
 * Adds a third-party script (Turnstile, Google One Tap) to the page once, however many components ask
 * for it; a failed load is forgotten, so the next page can try again.
 */
export function loadExternalScript(document: Document, src: string): Promise<void> {
  let load = loading.get(src);
  if (!load) {
    load = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => {
        loading.delete(src);
        reject(new Error(`${src} could not be loaded`));
      };
      document.head.appendChild(script);
    });
    loading.set(src, load);
  }
  return load;
}
