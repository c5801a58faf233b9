// Writes a generated HRIS export (CSV, the import's default columns) of N employees to stdout:
// a CPO, directors, managers in a tree of spans up to 8, product, design and engineering titles,
// teams of about 40, one in twenty gone with an end date. Deterministic, so runs compare.
// Run: node dist/bench/hris-export.js 10000 > people.csv; then time rolebook import people.csv --tenant T.
const N = Number(process.argv[2] ?? 10000);
const TITLES = ['Software Engineer', 'Senior Software Engineer', 'Product Manager', 'Product Designer', 'Product Owner', 'Business Analyst', 'Data Scientist'];
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const date = (from: number, span: number) => new Date(Date.UTC(2015, 0, 1) + Math.floor((from + random() * span) * 86_400_000)).toISOString().slice(0, 10);

const lines = ['employee_id,name,email,job_title,manager,team,start_date,end_date,allocation'];
for (let i = 1; i <= N; i++) {
  const manager = i === 1 ? '' : `E${Math.max(1, Math.floor((i - 2) / 8) + 1)}`;
  const managesOthers = (i - 1) * 8 + 2 <= N;
  const title =
    i === 1 ? 'Chief Product Officer' : managesOthers ? (i % 3 === 0 ? 'Group Product Manager' : 'Engineering Manager') : TITLES[i % TITLES.length]!;
  const start = date(i === 1 ? 0 : 200, 3000);
  const end = !managesOthers && i % 20 === 0 ? date(3300, 300) : '';
  lines.push(`E${i},Employee ${i},employee.${i}@example.com,${title},${manager},Team ${Math.floor(i / 40)},${start},${end},${i % 10 === 0 ? 50 : ''}`);
}
process.stdout.write(lines.join('\n') + '\n');
