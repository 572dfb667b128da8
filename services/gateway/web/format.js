// Figures and words as the report prints them (Indonesian: thousands dots, decimal comma), from the
// exact decimal strings the API sends; never through binary floating point.

// "133.33333333333333333333", 2 -> "133,33"; "16468319000", 0 -> "16.468.319.000". Half away from zero.
export function decimalId(text, places = 2) {
  if (text === undefined || text === null || text === '') return '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) return String(text);
  const [, sign, whole, frac = ''] = m;
  const digits = BigInt(whole + frac.padEnd(places + 1, '0').slice(0, places + 1));
  let units = digits / 10n;  // in 10^-places
  if (digits % 10n >= 5n) units += 1n;
  let s = units.toString().padStart(places + 1, '0');
  const intPart = s.slice(0, s.length - places);
  const fracPart = places > 0 ? ',' + s.slice(s.length - places) : '';
  const negative = sign === '-' && units !== 0n;
  return (negative ? '-' : '') + groupThousands(intPart) + fracPart;
}

// An exact figure as the report displays it: its own decimals when it has at most four, else
// two ("2,88", "16.468.319.000", "133,33"), as DisplayIndonesian does on the server.
export function displayId(text) {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(String(text ?? ''));
  if (!m) return String(text ?? '');
  const places = (m[1] ?? '').length;
  return decimalId(text, places <= 4 ? places : 2);
}

export function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

// Integer rupiah ("16468319000" or a number) -> "Rp16.468.319.000".
export function rupiah(amount) {
  return 'Rp' + decimalId(String(amount ?? 0), 0);
}

const STATES = {
  APPROVAL_STATE_DRAFT: 'Draf',
  APPROVAL_STATE_DIAJUKAN: 'Diajukan',
  APPROVAL_STATE_DIREVIU: 'Direviu',
  APPROVAL_STATE_DITETAPKAN: 'Ditetapkan',
};
export const approvalState = (s) => STATES[s] ?? 'Draf';

const SEVERITY = {SEVERITY_ERROR: 'Kesalahan', SEVERITY_WARNING: 'Peringatan', SEVERITY_INFO: 'Informasi'};
export const severity = (s) => SEVERITY[s] ?? s;

const KINDS = {PROVENANCE_KIND_RECORDED: 'dicatat', PROVENANCE_KIND_IMPORTED: 'diimpor',
               PROVENANCE_KIND_COMPUTED: 'dihitung'};
export const provenanceKind = (k) => KINDS[k] ?? '';

const LEVELS = {UNIT_LEVEL_PUSAT: 'Pusat', UNIT_LEVEL_PROVINSI: 'Provinsi', UNIT_LEVEL_KABUPATEN_KOTA: 'Kab/Kota'};
export const unitLevel = (l) => LEVELS[l] ?? '';

// An RFC 3339 time as an Indonesian reader reads it, in UTC: "5 Des 2026 20.37 UTC".
export function timeId(rfc3339) {
  if (!rfc3339) return '';
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return rfc3339;
  return t.toLocaleString('id-ID', {timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric',
                                    hour: '2-digit', minute: '2-digit'}) + ' UTC';
}

// Text for HTML.
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
                                                           "'": '&#39;'}[c]));
}
