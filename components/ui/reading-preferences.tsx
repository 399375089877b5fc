// 适老化: a larger text size and a high-contrast scheme a reader can switch on and keep (in
// localStorage). No React on the reader's side: public pages are served without Next's client
// runtime (lib/front/client-runtime.ts), so the buttons are plain HTML and the one inline script
// of app/layout.tsx (READING_PREFERENCES_SCRIPT, run in <head> before the first paint) applies
// the kept preference, marks the buttons pressed and toggles on click — on pages with React
// (previews) just the same.
const KEY = "cms:reading";

export function ReadingPreferences() {
  const button = "rounded border border-white/60 px-2 py-1 hover:bg-brand-dark aria-pressed:bg-white aria-pressed:text-brand";
  // suppressHydrationWarning: where React does hydrate (previews), the script may already have
  // set aria-pressed from the kept preference.
  return (
    <div role="group" aria-label="阅读设置" className="flex gap-2 text-sm">
      <button type="button" data-reading="large" aria-pressed="false" className={button} suppressHydrationWarning>
        大字
      </button>
      <button type="button" data-reading="contrast" aria-pressed="false" className={button} suppressHydrationWarning>
        高对比度
      </button>
    </div>
  );
}

/**
 * Runs in <head> before the page paints, so a kept preference never flashes; then keeps the
 * buttons' aria-pressed in step and toggles a preference on click (one listener on the document).
 */
export const READING_PREFERENCES_SCRIPT = [
  `(function(){var K="${KEY}",C={large:"text-large",contrast:"contrast-high"},d=document,h=d.documentElement;`,
  `function r(){try{return JSON.parse(localStorage.getItem(K)||"{}")||{}}catch(e){return{}}}`,
  `function s(p){for(var k in C)h.classList.toggle(C[k],!!p[k]);d.querySelectorAll("[data-reading]").forEach(function(b){b.setAttribute("aria-pressed",p[b.getAttribute("data-reading")]?"true":"false")})}`,
  `s(r());d.addEventListener("DOMContentLoaded",function(){s(r())});`,
  `d.addEventListener("click",function(e){var b=e.target&&e.target.closest&&e.target.closest("[data-reading]");if(!b)return;`,
  `var p=r(),k=b.getAttribute("data-reading");if(!(k in C))return;p[k]=!p[k];try{localStorage.setItem(K,JSON.stringify(p))}catch(x){}s(p)})})()`,
].join("");
