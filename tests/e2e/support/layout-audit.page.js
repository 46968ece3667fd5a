/* global document, getComputedStyle, NodeFilter, innerWidth, innerHeight */
/**
 * The page side of layout-audit.ts: plain JavaScript evaluated in the page
 * (the e2e TypeScript has no DOM types, and the app's CSP refuses injected
 * script tags). Defines globalThis.layoutAudit.
 */
globalThis.layoutAudit = {
  /** Every visible text in the app: overflowing its own box, cut by an ancestor that hides overflow, or overlapping another text. */
  textProblems() {
    const problems = [];
    const describe = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const intersect = (a, b) => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
    const empty = (b) => b.right - b.left < 1 || b.bottom - b.top < 1;
    // Whether what is on top at the middle and near each corner of the element (in the viewport) lies outside it.
    const coveredSeen = new Map();
    const covered = (el) => {
      if (!coveredSeen.has(el)) coveredSeen.set(el, isCovered(el));
      return coveredSeen.get(el);
    };
    const isCovered = (el) => {
      const r = el.getBoundingClientRect();
      const box = intersect(r, { left: 0, top: 0, right: innerWidth, bottom: innerHeight });
      if (empty(box)) return false;
      const inset = 2;
      const points = [
        [(box.left + box.right) / 2, (box.top + box.bottom) / 2],
        [box.left + inset, box.top + inset],
        [box.right - inset, box.top + inset],
        [box.left + inset, box.bottom - inset],
        [box.right - inset, box.bottom - inset],
      ];
      return points.every(([x, y]) => {
        const top = document.elementFromPoint(x, y);
        return top !== null && !el.contains(top);
      });
    };
    const hiddenByStyle = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0' || s.contentVisibility === 'hidden') return true;
        // Hidden from assistive technology and wholly under something else (a week drawn ahead, under the week shown): not seen either.
        if (e.getAttribute('aria-hidden') === 'true' && covered(e)) return true;
        // Visually hidden on purpose (the sr-only pattern: clipped to 1px), for screen readers only.
        if (e.hasAttribute('hidden') || (s.clip !== 'auto' && s.clip !== '') || s.clipPath.startsWith('inset(50%')) return true;
      }
      return false;
    };
    const texts = [];
    const walker = document.createTreeWalker(document.querySelector('.app'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent?.trim() || hiddenByStyle(el)) continue;
      if (el.closest('option, select, dialog:not([open])')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
      if (rects.length === 0) continue;
      // Its own box: content wider (or taller) than the element.
      const block = getComputedStyle(el).display === 'inline' ? null : el;
      if (block && block.scrollWidth > block.clientWidth + 1) {
        problems.push({ kind: 'overflow', what: `${describe(el)} scrollWidth ${block.scrollWidth} > clientWidth ${block.clientWidth}` });
      }
      for (const r of rects) {
        let cutBy = '';
        // Cut by an ancestor that hides overflow; a scrolling ancestor only limits what is in view now.
        let visible = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        let cut = false;
        for (let e = el; e && e !== document.body; e = e.parentElement) {
          const s = getComputedStyle(e);
          if (s.overflowX === 'visible' && s.overflowY === 'visible' && s.contain !== 'strict' && s.contain !== 'paint') continue;
          const c = e.getBoundingClientRect();
          const clip = intersect(visible, c);
          if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowY === 'auto' || s.overflowY === 'scroll') {
            visible = clip;
            // The week's sticky head covers what scrolls under it.
            const head = e.querySelector(':scope > .week-panes > .week-pane.is-shown .week-head');
            if (head && !head.contains(el)) visible = intersect(visible, { ...c, top: head.getBoundingClientRect().bottom });
            continue;
          }
          // Partly shown is cut; wholly out of its box is a word dropped on purpose (a box's status word with no room left).
          const partly = clip.left > visible.left + 1 || clip.right < visible.right - 1 || clip.top > visible.top + 1 || clip.bottom < visible.bottom - 1;
          // (A sliver under 2 px is the empty top of a wrapped line's box, not glyphs.)
          if (partly && clip.right - clip.left >= 2 && clip.bottom - clip.top >= 2) {
            cut = true;
            cutBy = `${describe(e)} ${JSON.stringify(clip)}`;
          }
          visible = clip;
        }
        if (cut) problems.push({ kind: 'clipped', what: `${describe(el)} cut by an ancestor (text ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}); ${cutBy}` });
        if (!empty(visible)) texts.push({ rect: visible, el });
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i];
        const b = texts[j];
        if (a.el === b.el) continue;
        const o = intersect(a.rect, b.rect);
        if (o.right - o.left > 2 && o.bottom - o.top > 2) problems.push({ kind: 'overlap', what: `${describe(a.el)} overlaps ${describe(b.el)}` });
      }
    }
    return problems;
  },

  /** Each class box: are its time and the whole student name inside it, each word of the name on one line? */
  unreadableBoxes() {
    const out = [];
    for (const button of document.querySelectorAll('.week-pane.is-shown [data-testid="booking"]')) {
      const box = button.getBoundingClientRect();
      const inside = (r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      for (const part of ['.booking-time', '.booking-name']) {
        const el = button.querySelector(part);
        const r = el.getBoundingClientRect();
        if (getComputedStyle(el).display === 'none' || r.width < 1 || !inside(r) || el.scrollWidth > el.clientWidth + 1) out.push(`${part} of "${button.getAttribute('aria-label')}" not fully inside its box`);
      }
      // Broken mid-word ("Quirog|a") is not readable either.
      const name = button.querySelector('.booking-name').firstChild;
      const text = name.textContent ?? '';
      let at = 0;
      for (const word of text.split(' ')) {
        const range = document.createRange();
        range.setStart(name, at);
        range.setEnd(name, at + word.length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0.5).map((r) => Math.round(r.top)));
        if (lines.size > 1) out.push(`"${word}" of "${text}" broken across lines`);
        at += word.length + 1;
      }
    }
    return out;
  },
};
