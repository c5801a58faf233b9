// WCAG 2.x contrast of the text a page shows, computed in the browser: each element with text of
// its own, its computed colour against the first opaque background behind it (alpha blended
// upwards), 4.5:1 for normal text and 3:1 for large text (24px, or 18.66px bold). Answers the
// elements that fall short, with their ratio; disabled controls and invisible text are skipped,
// as WCAG does.
import type { Page } from 'playwright-core';

export interface LowContrast {
  text: string;
  ratio: number;
  needed: number;
  color: string;
  background: string;
}

// the script runs in the page (plain JavaScript: this project's tests are typed without the DOM)
const SCRIPT = `(() => {
    const parse = (css) => {
      const m = /rgba?\\(([^)]+)\\)/.exec(css);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a] = m[1].split(/[\\s,/]+/).map(Number);
      return [r, g, b, a ?? 1];
    };
    const over = (top, bottom) => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const backgroundOf = (element) => {
      const layers = [];
      for (let at = element; at; at = at.parentElement) {
        const color = parse(getComputedStyle(at).backgroundColor);
        if (color[3] > 0) layers.push(color);
        if (color[3] >= 1) break;
      }
      return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]) => {
      const channel = (c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const low = [];
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(element.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility !== 'visible' || style.display === 'none' || box.width === 0 || box.height === 0 || Number(style.opacity) === 0) continue;
      if (element.disabled || element.closest('[aria-hidden="true"]')) continue;
      const background = backgroundOf(element);
      const color = over(parse(style.color), background);
      const [l1, l2] = [luminance(color), luminance(background)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed)
        low.push({
          text: own.slice(0, 40),
          ratio: Math.round(ratio * 100) / 100,
          needed,
          color: style.color,
          background: \`rgba(\${background.map((c) => Math.round(c)).join(',')})\`,
        });
    }
    return low;
})()`;

export const lowContrastText = (page: Page): Promise<LowContrast[]> => page.evaluate<LowContrast[]>(SCRIPT);
