// The dashboard: sign in with a token, choose a province and a year, and read what the aggregator
// serves through the REST gateway: the capaian table with its bands and chart, each IKK's satker
// rows and where each figure comes from, the verifier's findings, imports, the approval with the
// steps the signed-in role may take, and for hq the national table. Plain ES modules, no build.
import {Api, ApiError, claimsOf} from './api.js';
import {capaianChart} from './chart.js';
import {approvalState, decimalId, displayId, esc, provenanceKind, severity, timeId, unitLevel} from './format.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'lkip.token';
const ROLE_NAMES = {operator: 'operator', bidang: 'staf bidang', perencana: 'perencana', kepala: 'kepala',
                    apip: 'APIP', hq: 'BNN pusat (hq)', admin: 'admin'};
const ACTIONS = [
  {action: 'APPROVAL_ACTION_SUBMIT', verb: 'submit', label: 'Ajukan untuk direviu', note: 'Catatan pengajuan'},
  {action: 'APPROVAL_ACTION_REVIEW', verb: 'review', label: 'Catat hasil reviu', note: 'Catatan reviu (wajib)'},
  {action: 'APPROVAL_ACTION_APPROVE', verb: 'approve', label: 'Tetapkan laporan', note: 'Catatan penetapan'},
  {action: 'APPROVAL_ACTION_REOPEN', verb: 'reopen', label: 'Buka kembali tahun ini', note: 'Alasan (wajib)'},
];

const state = {api: null, claims: null, province: '', year: 0, report: null};

function micros(value) {
  return value && value !== '0' ? new Date(Number(BigInt(value) / 1000n)).toISOString() : '';
}

function showError(where, err) {
  const box = $(where);
  if (!err) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  const field = err instanceof ApiError && err.field ? ` (isian: ${err.field})` : '';
  const code = err instanceof ApiError ? ` [${err.httpStatus} ${err.status}]` : '';
  box.textContent = `${err.message}${field}${code}`;
  box.hidden = false;
}

function base() {
  return `/v1/provinces/${encodeURIComponent(state.province)}/years/${state.year}`;
}

// --- sign-in ---------------------------------------------------------------------------------

function signIn(token) {
  const claims = claimsOf(token);
  if (claims.exp && claims.exp * 1000 < Date.now()) throw new Error('Token sudah kedaluwarsa; minta token baru ke admin.');
  state.api = new Api(token.trim());
  state.claims = claims;
  sessionStorage.setItem(TOKEN_KEY, token.trim());
  $('who-text').textContent = `${claims.sub} · ${ROLE_NAMES[claims.role] ?? claims.role}` +
      (claims.prov ? ` · ${claims.prov}` : '');
  $('who').hidden = false;
  $('sign-in').hidden = true;
  $('workspace').hidden = false;
  $('tab-nasional').hidden = claims.role !== 'hq';
  const [hashProvince, hashYear] = location.hash.slice(1).split('/');
  $('province').value = hashProvince || claims.prov || '';
  $('province').readOnly = Boolean(claims.prov);
  $('year').value = hashYear || String(new Date().getFullYear() - 1);
  if (claims.role === 'hq') loadProvinceList();
  if ($('province').value) open();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  location.hash = '';
  location.reload();
}

async function loadProvinceList() {
  try {
    const list = await state.api.get(`/v1/nasional/provinces?fiscal_year=${$('year').value}`);
    $('provinces').innerHTML = (list.provinces ?? [])
        .map((p) => `<option value="${esc(p.province_code)}">${esc(p.name)}</option>`).join('');
  } catch {
    // Without the national service the code is typed.
  }
}

// --- opening a province and year -----------------------------------------------------------

async function open() {
  state.province = $('province').value.trim();
  state.year = Number($('year').value);
  location.hash = `${state.province}/${state.year}`;
  showError('error', null);
  $('status').textContent = 'Memuat …';
  const results = await Promise.allSettled([loadReport(), loadApproval(), loadImports(),
                                            state.claims.role === 'hq' ? loadNasional() : Promise.resolve()]);
  const failed = results.find((r) => r.status === 'rejected');
  $('status').textContent = failed ? '' : `${state.province} ${state.year} dimuat`;
  if (failed) showError('error', failed.reason);
}

async function loadReport() {
  $('capaian').innerHTML = $('temuan').innerHTML = '';
  state.report = null;
  const report = await state.api.get(`${base()}/report`);
  state.report = report;
  renderCapaian(report);
  renderFindings(report);
}

// --- capaian ---------------------------------------------------------------------------------

function indicatorsOf(report) {
  return (report.sasaran ?? []).flatMap((s) => s.indicators ?? []);
}

function bandOf(report, code) {
  const s1 = (report.band_sets ?? [])[0];
  const row = s1?.rows?.find((r) => (r.codes ?? []).includes(code));
  return row ? row.label : '';
}

function renderCapaian(report) {
  const indicators = indicatorsOf(report);
  const rows = indicators.map((ind, i) => `
    <tr class="ikk-row" data-ikk="${esc(ind.code)}" tabindex="0" title="Klik untuk rincian per satker">
      <td class="num">${i + 1}</td><td class="code">${esc(ind.code)}</td>
      <td>${esc(ind.name)}${ind.verified ? '' : '<sup title="aturan [default] belum terverifikasi">*</sup>'}</td>
      <td>${esc(ind.unit)}</td>
      <td class="num">${esc(ind.target_display)}</td>
      <td class="num">${ind.available ? esc(ind.realisasi_display) : '<span class="na">tidak tersedia</span>'}</td>
      <td class="num">${ind.capaian_available ? esc(ind.capaian_display) + '%' : 'NA'}</td>
      <td>${esc(bandOf(report, ind.code))}</td>
    </tr>`).join('');
  const bands = (report.band_sets ?? []).map((set, i) => `
    <details class="bands" ${i === 0 ? 'open' : ''} data-band-set="${esc(set.band_set)}">
      <summary>${esc(set.band_set)} · ${esc(set.title)}</summary>
      <table class="band-table"><thead><tr><th>Rentang capaian</th><th class="num">Jumlah IKK</th><th>IKK</th></tr></thead>
      <tbody>${(set.rows ?? []).map((r) => `<tr><td>${esc(r.label)}</td><td class="num">${r.count ?? 0}</td>
        <td>${esc((r.codes ?? []).join(', '))}</td></tr>`).join('')}</tbody></table>
      ${(set.not_counted ?? []).length ? `<p class="note">Tidak dihitung: ${esc(set.not_counted.join(', '))}</p>` : ''}
    </details>`).join('');
  const approval = report.approval ?? {};
  $('capaian').innerHTML = `
    <h2>Capaian Indikator Kinerja ${esc(report.instansi)} Tahun ${report.fiscal_year}</h2>
    <p class="meta">Status laporan: <strong class="state">${esc(approvalState(approval.state))}</strong>
      · ${report.n_ikk} IKK dalam ${report.n_sasaran} sasaran · aturan versi ${esc(report.rule_set_version)}
      ${report.complete ? '' : ' · <strong class="warn">data belum lengkap: sebagian layanan tidak dapat dibaca</strong>'}</p>
    <div class="two">
      <table class="data" id="capaian-table"><thead><tr><th>No</th><th>Kode</th><th>Indikator Kinerja</th><th>Satuan</th>
        <th class="num">Target</th><th class="num">Realisasi</th><th class="num">Capaian</th><th>Pita S1</th></tr></thead>
        <tbody>${rows}</tbody></table>
      <figure>${capaianChart(indicators)}<figcaption>Capaian per IKK (garis: 100%)</figcaption></figure>
    </div>
    <h3>Distribusi capaian</h3>${bands}
    <p class="note">* aturan perhitungan bertanda [default] belum terverifikasi.
      Unduh: <a href="#" data-csv="capaian">capaian.csv</a> · <a href="#" data-csv="satker">satker.csv</a>
      · <a href="#" data-csv="anggaran">anggaran.csv</a></p>
    <section id="drill" class="drill" hidden></section>`;
  for (const tr of $('capaian').querySelectorAll('.ikk-row')) {
    tr.addEventListener('click', () => drill(tr.dataset.ikk));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') drill(tr.dataset.ikk); });
  }
  for (const a of $('capaian').querySelectorAll('[data-csv]')) {
    a.addEventListener('click', (e) => { e.preventDefault(); download(a.dataset.csv); });
  }
}

// A CSV table through fetch (the token is a header, not a cookie), saved as the file it names.
async function download(table) {
  try {
    const response = await fetch(`${base()}/tables/${table}`, {headers: {Authorization: `Bearer ${state.api.token}`}});
    if (!response.ok) throw new ApiError(response.status, (await response.json()).error);
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `${table}.csv`;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (err) {
    showError('error', err);
  }
}

function provenanceText(p) {
  if (!p) return '';
  return [provenanceKind(p.kind), p.source_document].filter(Boolean).join(': ');
}

function drill(code) {
  const ind = indicatorsOf(state.report).find((i) => i.code === code);
  if (!ind) return;
  const rows = (ind.satker_rows ?? []).map((line) => {
    const r = line.row ?? {};
    return `<tr data-satker="${esc(r.satker_code)}">
      <td>${esc(r.satker_name || r.satker_code)}</td><td>${esc(unitLevel(r.level))}</td>
      <td class="num">${r.target?.value ? esc(displayId(r.target.value)) : '–'}</td>
      <td class="num">${esc(line.value_display)}</td>
      <td>${esc(r.category)}</td><td>${r.counted ? 'ya' : 'tidak'}</td>
      <td>${esc(provenanceText(r.provenance))}</td>
      <td>${esc(r.provenance?.actor)}<br><small>${esc(timeId(r.provenance?.recorded_at))}</small></td>
      <td class="num">${esc(line.alternative_display)}${line.alternative_display
          ? `<br><small>${esc(provenanceText(r.alternative?.provenance))}</small>` : ''}</td>
    </tr>`;
  }).join('');
  const findings = (ind.satker_rows ?? []).flatMap((l) => (l.row?.findings ?? []).map((f) => ({...f, satker: l.row.satker_code})));
  const box = $('drill');
  box.innerHTML = `
    <h3>Rincian ${esc(ind.code)}: ${esc(ind.name)}</h3>
    <p>${esc(ind.kalimat_capaian)}</p>
    ${ind.rumus ? `<p class="formula">${esc(ind.rumus.realisasi)}<br>${esc(ind.rumus.capaian)}</p>` : ''}
    <p class="meta">Aturan: ${esc(ind.provenance?.rule_ref)} · sumber aturan: ${esc(ind.rule_source)}</p>
    ${rows ? `<table class="data" id="satker-table"><thead><tr><th>Satker</th><th>Tingkat</th><th class="num">Target</th>
      <th class="num">Nilai</th><th>Kategori</th><th>Dihitung</th><th>Asal nilai</th><th>Dicatat oleh</th>
      <th class="num">Nilai sumber lain</th></tr></thead><tbody>${rows}</tbody></table>`
      : '<p class="note">IKK ini tidak mempunyai nilai per satker.</p>'}
    ${findings.length ? `<h4>Temuan pada baris satker</h4><ul>${findings.map((f) =>
      `<li>${esc(f.satker)}: ${esc(f.message)}</li>`).join('')}</ul>` : ''}`;
  box.hidden = false;
  box.scrollIntoView({block: 'nearest'});
}

// --- findings ------------------------------------------------------------------------------

function findingsTable(id, findings) {
  return `<table class="data" id="${id}"><thead><tr><th>Tingkat</th><th>Kode</th><th>Tentang</th>
      <th>Pesan</th><th>Nilai</th></tr></thead><tbody>${findings.map((f) => `
      <tr class="finding ${esc(f.severity)}"><td><span class="badge ${esc(f.severity)}">${esc(severity(f.severity))}</span></td>
        <td><code>${esc(f.code)}</code></td><td>${esc(f.subject)}</td><td>${esc(f.message)}</td>
        <td>${(f.values ?? []).map((v) => `${esc(v.label)}: <strong>${esc(v.value)}</strong>
          <small>(${esc(v.source)})</small>`).join('<br>')}</td></tr>`).join('')}</tbody></table>`;
}

// Errors and warnings in view; the notes (figures in the texts that agree with the data, texts not
// yet written) folded below them, opened for printing.
function renderFindings(report) {
  const findings = report.findings ?? [];
  const count = (s) => findings.filter((f) => f.severity === s).length;
  const serious = findings.filter((f) => f.severity !== 'SEVERITY_INFO');
  const notes = findings.filter((f) => f.severity === 'SEVERITY_INFO');
  $('temuan').innerHTML = `
    <h2>Temuan Verifikator</h2>
    <p class="meta">${count('SEVERITY_ERROR')} kesalahan · ${count('SEVERITY_WARNING')} peringatan ·
      ${count('SEVERITY_INFO')} informasi</p>
    ${serious.length ? findingsTable('findings-table', serious)
      : `<p id="findings-table">${findings.length ? 'Tidak ada kesalahan atau peringatan.' : 'Tidak ada temuan.'}</p>`}
    ${notes.length ? `<details id="findings-info"><summary>${notes.length} informasi (angka dalam teks, teks yang
      belum diisi, dan lainnya)</summary>${findingsTable('findings-info-table', notes)}</details>` : ''}`;
}

// Printed, every folded part is shown; afterwards the page is as the reader left it.
let foldedForPrint = [];
window.addEventListener('beforeprint', () => {
  foldedForPrint = [...document.querySelectorAll('details:not([open])')];
  foldedForPrint.forEach((d) => { d.open = true; });
});
window.addEventListener('afterprint', () => {
  foldedForPrint.forEach((d) => { d.open = false; });
  foldedForPrint = [];
});

// --- imports -------------------------------------------------------------------------------

async function loadImports() {
  $('impor').innerHTML = '';
  const [bundles, imports] = await Promise.all([state.api.get('/v1/bundles?page_size=200'),
                                                state.api.get(`/v1/years/${state.year}/imports?page_size=500`)]);
  const ofYear = (bundles.bundles ?? []).filter((b) => !b.fiscal_year || b.fiscal_year === state.year);
  const bundleState = {BUNDLE_STATE_IN_PROGRESS: 'sedang ditulis', BUNDLE_STATE_INCOMPLETE: 'belum lengkap',
                       BUNDLE_STATE_COMPLETE: 'lengkap', BUNDLE_STATE_ROLLED_BACK: 'dibatalkan',
                       BUNDLE_STATE_ROLLBACK_INCOMPLETE: 'pembatalan belum lengkap'};
  $('impor').innerHTML = `
    <h2>Impor Data Tahun ${state.year}</h2>
    <h3>Bundel data</h3>
    ${ofYear.length ? `<table class="data" id="bundles-table"><thead><tr><th>Bundel</th><th>Berkas</th><th>Status</th>
      <th>Oleh</th><th>Waktu</th><th>Keterangan</th></tr></thead><tbody>${ofYear.map((b) => `
      <tr><td><code>${esc(b.bundle_id)}</code></td><td>${esc(b.source_name)}</td>
        <td>${esc(bundleState[b.state] ?? b.state)}</td><td>${esc(b.actor)}</td>
        <td>${esc(timeId(micros(b.finished_unix_micros || b.started_unix_micros)))}</td><td>${esc(b.error)}</td></tr>`).join('')}
      </tbody></table>` : '<p>Belum ada bundel untuk tahun ini.</p>'}
    <h3>Impor instrumen (CSV)</h3>
    ${(imports.imports ?? []).length ? `<table class="data" id="imports-table"><thead><tr><th>Jenis</th><th>Impor</th>
      <th>Layanan</th><th class="num">Baris</th><th>Status</th><th>Oleh</th><th>Waktu</th></tr></thead><tbody>
      ${imports.imports.map((i) => `<tr><td>${esc(i.kind)}</td><td>${esc(i.import_id)}</td><td>${esc(i.service)}</td>
        <td class="num">${esc(decimalId(i.rows, 0))}</td>
        <td>${i.state === 'IMPORT_STATE_WITHDRAWN' ? `ditarik: ${esc(i.withdraw_reason)}` : 'berlaku'}</td>
        <td>${esc(i.actor)}</td><td>${esc(timeId(micros(i.recorded_unix_micros)))}</td></tr>`).join('')}
      </tbody></table>` : '<p>Belum ada impor instrumen untuk tahun ini.</p>'}`;
}

// --- approval ------------------------------------------------------------------------------

async function loadApproval() {
  $('persetujuan').innerHTML = '';
  const approval = await state.api.get(`${base()}/approval`);
  renderApproval(approval);
}

function renderApproval(approval) {
  const allowed = new Set(approval.allowed_actions ?? []);
  const role = ROLE_NAMES[state.claims.role] ?? state.claims.role;
  const buttons = ACTIONS.map((a) => {
    const may = allowed.has(a.action);
    return `<button type="button" class="action" data-verb="${a.verb}" data-action="${a.action}" ${may ? '' : 'disabled'}
      title="${may ? '' : esc(`Peran ${role} tidak dapat mengambil langkah ini pada status ${approvalState(approval.state)}`)}">
      ${esc(a.label)}</button>`;
  }).join('');
  const history = (approval.history ?? []).map((e) => `<tr><td>${esc(timeId(e.time))}</td>
    <td>${esc(approvalState(e.from_state))} → ${esc(approvalState(e.to_state))}</td><td>${esc(e.actor)}</td>
    <td>${esc(e.role)}</td><td>${esc(e.note)}</td></tr>`).join('');
  $('persetujuan').innerHTML = `
    <h2>Persetujuan Laporan ${esc(state.province)} ${state.year}</h2>
    <p>Status: <strong class="state" id="approval-state">${esc(approvalState(approval.state))}</strong></p>
    <form id="approval-form" class="card">
      <label for="approval-note">Catatan</label>
      <textarea id="approval-note" rows="2"></textarea>
      <div class="actions">${buttons}</div>
      <p class="note">Hanya langkah yang boleh diambil peran Anda (${esc(role)}) pada status ini yang aktif;
        layanan tetap memeriksa setiap langkah.</p>
    </form>
    <p id="approval-error" class="error" role="alert" hidden></p>
    <h3>Riwayat</h3>
    ${history ? `<table class="data"><thead><tr><th>Waktu</th><th>Langkah</th><th>Oleh</th><th>Peran</th><th>Catatan</th></tr></thead>
      <tbody>${history}</tbody></table>` : '<p>Belum ada langkah.</p>'}`;
  for (const button of $('persetujuan').querySelectorAll('button.action')) {
    button.addEventListener('click', () => takeStep(button.dataset.verb));
  }
}

async function takeStep(verb) {
  showError('approval-error', null);
  try {
    const approval = await state.api.post(`${base()}/approval:${verb}`, {note: $('approval-note').value});
    renderApproval(approval);
    $('status').textContent = `Status laporan: ${approvalState(approval.state)}`;
  } catch (err) {
    showError('approval-error', err);
  }
}

// --- national (hq) -------------------------------------------------------------------------

async function loadNasional() {
  $('nasional').innerHTML = '';
  let roll;
  try {
    roll = await state.api.get(`/v1/nasional/years/${state.year}/rollup`);
  } catch (err) {
    $('nasional').innerHTML = `<p class="error">Tabel nasional tidak dapat dibaca: ${esc(err.message)}</p>`;
    return;
  }
  const indicators = roll.indicators ?? [];
  const table = (ind) => `
    <table class="data nasional"><thead><tr><th class="num">Peringkat</th><th>Provinsi</th><th class="num">Target</th>
      <th class="num">Realisasi</th><th class="num">Capaian</th><th>Pita</th><th></th></tr></thead><tbody>
      ${(ind.provinces ?? []).map((p) => `<tr><td class="num">${p.rank || ''}</td><td>${esc(p.name || p.province_code)}</td>
        <td class="num">${esc(p.target_display)}</td><td class="num">${esc(p.realisasi_display)}</td>
        <td class="num">${p.capaian_available ? esc(p.capaian_display) + '%' : 'NA'}</td><td>${esc(p.band)}</td>
        <td>${p.stale ? '<span class="badge SEVERITY_WARNING">basi</span>' : ''}</td></tr>`).join('')}
      </tbody></table>`;
  $('nasional').innerHTML = `
    <h2>Tabel Nasional ${roll.fiscal_year}</h2>
    <p class="meta">${(roll.provinces ?? []).length} provinsi · ditetapkan: ${(roll.ditetapkan ?? []).length} ·
      basi: ${esc((roll.stale ?? []).join(', ') || '-')} · belum ada: ${esc((roll.missing ?? []).join(', ') || '-')}
      · per ${esc(timeId(roll.as_of))}</p>
    <h3>Peringkat provinsi (rata-rata capaian)</h3>
    <table class="data"><thead><tr><th class="num">Peringkat</th><th>Provinsi</th><th class="num">Rata-rata capaian</th></tr></thead>
      <tbody>${(roll.ranking ?? []).map((r) => `<tr><td class="num">${r.rank}</td><td>${esc(r.name)}</td>
        <td class="num">${esc(r.mean_capaian_display)}%</td></tr>`).join('')}</tbody></table>
    ${indicators.map((ind) => `<details><summary>${esc(ind.code)} · ${esc(ind.name)} — nasional:
      ${ind.national?.available ? esc(ind.national.display) : '-'} <small>(${esc(ind.national?.rule)})</small></summary>
      ${table(ind)}</details>`).join('')}`;
}

// --- wiring --------------------------------------------------------------------------------

function selectTab(name) {
  for (const tab of document.querySelectorAll('[role=tab]')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll('[role=tabpanel]')) panel.hidden = panel.id !== name;
}

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', (e) => {
    e.preventDefault();
    try {
      showError('sign-in-error', null);
      signIn($('token').value);
    } catch (err) {
      showError('sign-in-error', err);
    }
  });
  $('sign-out').addEventListener('click', signOut);
  $('select').addEventListener('submit', (e) => { e.preventDefault(); open(); });
  $('print').addEventListener('click', () => window.print());
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    try {
      signIn(saved);
    } catch {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  }
});
