// Peer benchmark: @geolonia/normalize-japanese-addresses 2.10.1 on the same addresses as the
// .NET `geo-compare` load mode, reading the same geolonia town files through a file:// URL.
// usage: node run.js <api/ja folder> <addresses.tsv> <out.jsonl> [passes]
const fs = require('fs');
const path = require('path');
const { normalize, config } = require('@geolonia/normalize-japanese-addresses');

async function main() {
  const [apiDir, tsv, out, passesArg] = process.argv.slice(2);
  config.japaneseAddressesApi = 'file://' + path.resolve(apiDir);
  const texts = fs.readFileSync(tsv, 'utf8').split('\n')
    .filter(l => l && !l.startsWith('#')).map(l => l.split('\t')[1]);
  const results = [];
  for (const t of texts) results.push(await normalize(t)); // warm-up: loads and caches the town files
  const passes = Number(passesArg || 5);
  // CPU time, not wall time: the machine is shared, and per-core throughput is what counts.
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let p = 0; p < passes; p++) for (const t of texts) await normalize(t);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  fs.writeFileSync(out, results.map((r, i) => JSON.stringify({ text: texts[i], pref: r.pref, city: r.city, town: r.town, level: r.level })).join('\n') + '\n');
  console.log(JSON.stringify({ addresses: texts.length, passes, wall_seconds: seconds, cpu_seconds: cpuSeconds, per_cpu_second: texts.length * passes / cpuSeconds }));
}
main().catch(e => { console.error(e); process.exit(1); });
