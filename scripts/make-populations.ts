// Writes the two shipped populations of the push simulator (sim/populations/*.jsonl),
// deterministically: `node scripts/make-populations.ts`. Each user is an archetype (where he
// mostly reads) with his own spread of probabilities and delays, so the population is varied
// but reproducible. The format is ARCHITECTURE.md 4.3's; simulate-push takes any such file.
import { writeFileSync } from "node:fs";
import { prng } from "../src/notify/simulate.ts";

type Habit = [reachableShare: number, readProbability: number, medianReadDelayS: number];
type Archetype = { share: number; channels: Record<string, Habit> };

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

// Where people read, roughly: chat apps first, then SMS, official accounts and e-mail.
const MIXED: Archetype[] = [
  { share: 0.35, channels: { in_app: [1, 0.85, 5 * MIN], official_account: [0.4, 0.5, 30 * MIN], sms: [0.6, 0.6, 2 * MIN], email: [0.7, 0.3, 6 * HOUR] } },
  { share: 0.2, channels: { in_app: [1, 0.3, 2 * HOUR], official_account: [0.2, 0.3, 2 * HOUR], sms: [1, 0.9, 1 * MIN], email: [0.6, 0.2, DAY] } },
  { share: 0.15, channels: { in_app: [1, 0.4, 1 * HOUR], official_account: [1, 0.85, 10 * MIN], sms: [0.5, 0.5, 5 * MIN], email: [0.5, 0.3, 8 * HOUR] } },
  { share: 0.15, channels: { in_app: [1, 0.3, 3 * HOUR], official_account: [0.2, 0.2, 4 * HOUR], sms: [0.7, 0.5, 5 * MIN], email: [1, 0.85, 20 * MIN] } },
  { share: 0.15, channels: { in_app: [1, 0.4, 4 * HOUR], official_account: [0.3, 0.35, 6 * HOUR], sms: [0.5, 0.45, 30 * MIN], email: [0.8, 0.35, DAY] } },
];

const EMAIL_HEAVY: Archetype[] = [
  { share: 0.8, channels: { in_app: [1, 0.25, 6 * HOUR], official_account: [0.1, 0.2, 6 * HOUR], sms: [0.5, 0.4, 10 * MIN], email: [1, 0.9, 15 * MIN] } },
  { share: 0.2, channels: { in_app: [1, 0.8, 10 * MIN], sms: [0.3, 0.5, 5 * MIN], email: [1, 0.6, 2 * HOUR] } },
];

function population(name: string, size: number, archetypes: Archetype[], seed: number): string {
  const rand = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    let u = rand();
    const a = archetypes.find((x) => (u -= x.share) < 0) ?? archetypes[archetypes.length - 1]!;
    const channels: Record<string, unknown> = {};
    for (const [ch, [reach, p, median]] of Object.entries(a.channels)) {
      const readProbability = Math.round(Math.min(0.99, Math.max(0.01, p + 0.08 * normal())) * 100) / 100;
      const medianReadDelayS = Math.max(10, Math.round(median * Math.exp(0.5 * normal())));
      // in_app is reachable for every user (he started the bot); the rest only when he added a contact.
      channels[ch] = { reachable: rand() < reach, readProbability, medianReadDelayS };
    }
    lines.push(JSON.stringify({ id: `${name}-${i + 1}`, channels }));
  }
  return `${lines.join("\n")}\n`;
}

const dir = new URL("../sim/populations/", import.meta.url);
writeFileSync(new URL("mixed.jsonl", dir), population("mixed", 1000, MIXED, 10));
writeFileSync(new URL("email-heavy.jsonl", dir), population("email", 500, EMAIL_HEAVY, 20));
