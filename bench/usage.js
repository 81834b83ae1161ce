// Preloaded into a measured process (node -r ./bench/usage.js …): on exit it appends the process's
// own resource usage to $BENCH_USAGE_FILE, so the bench gets CPU time and peak memory without any
// platform tool.
const fs = require('fs');

process.on('exit', () => {
  const file = process.env.BENCH_USAGE_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  fs.appendFileSync(file, `${JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 })}\n`);
});
