// Renders a business card (HTML laid out like a printed card: a name, a title, a company, a
// phone and an email) to PNG with headless Chromium, for the OCR tests. The committed fixture
// test/fixtures/business-card.png is its output:
//   node scripts/render-card.mjs [out.png]
// and the Chromium tests may call renderCard() to make cards of their own.
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { ensureChromium } from "./ensure-chromium.mjs";

/** The card on the committed fixture. */
export const DEFAULT_CARD = {
  name: "Olivia Bennett",
  title: "Head of Partnerships",
  company: "Northwind Analytics Ltd",
  phone: "+44 20 7946 0958",
  email: "olivia.bennett@northwind.example",
  address: "221 Baker Street, London",
};

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The card's HTML: 3.5 x 2 inches, as printed, at 300 pixels an inch (1050 x 600). */
export function cardHtml(card = DEFAULT_CARD) {
  const line = (text, style) => (text ? `<div style="${style}">${escape(text)}</div>` : "");
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    html, body { margin: 0; background: #fff; }
    .card { box-sizing: border-box; width: 1050px; height: 600px; padding: 70px 80px; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; background: #fbfaf7; border-left: 24px solid #2a5d8f; }
  </style></head><body><div class="card">
    ${line(card.name, "font-size: 56px; font-weight: bold;")}
    ${line(card.title, "font-size: 34px; margin-top: 10px; color: #333;")}
    ${line(card.company, "font-size: 38px; margin-top: 6px; color: #2a5d8f; font-weight: bold;")}
    <div style="margin-top: 70px;"></div>
    ${line(card.phone && `Tel: ${card.phone}`, "font-size: 34px;")}
    ${line(card.email && `Email: ${card.email}`, "font-size: 34px; margin-top: 8px;")}
    ${line(card.address, "font-size: 30px; margin-top: 8px; color: #333;")}
  </div></body></html>`;
}

/** The card as PNG bytes, rendered by a headless Chromium (Debian's, via ensure-chromium). */
export async function renderCard(card = DEFAULT_CARD, { executablePath = ensureChromium() } = {}) {
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1050, height: 600 }, deviceScaleFactor: 1 });
    await page.setContent(cardHtml(card));
    return new Uint8Array(await page.locator(".card").screenshot({ type: "png" }));
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? new URL("../test/fixtures/business-card.png", import.meta.url).pathname;
  writeFileSync(out, await renderCard());
  console.log(`wrote ${out}`);
}
