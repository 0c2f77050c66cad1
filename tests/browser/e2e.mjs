// e2e.mjs: the end-to-end browser test of phoihop. playwright-core drives
// Debian's chromium, headless, through what a coordinator does first: sign
// in, import a plan through the upload page, confirm it, change a task's
// status, and see the change on the dashboard and in the audit log. Each
// step leaves a full-page screenshot in $ARTIFACTS.
//
// Run through tools/browser-test.sh, which starts the server and sets:
//   BASE_URL  http://127.0.0.1:PORT/      LOGIN, PASSWORD  a coordinator
//   SAMPLE    the document to import      TODAY            PHOIHOP_TODAY
//   ARTIFACTS screenshot folder           CHROMIUM         browser binary
// The steps depend on each other: after a failure the rest are skipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
	const v = process.env[name];
	if (!v) throw new Error(`${name} is not set; run tools/browser-test.sh`);
	return v;
};
const base = env('BASE_URL').replace(/\/$/, '');
const login = env('LOGIN');
const password = env('PASSWORD');
const sample = env('SAMPLE');
const artifacts = env('ARTIFACTS');
const today = env('TODAY'); // YYYY-MM-DD, the server's "today"
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

// What the import must show for each known document: its title (from the
// document's own header) and how many tasks its appendix table holds.
const documents = {
	'laocai-2024-ubnd-hlhpn-coordination-plan.txt': {
		title: 'Phối hợp hoạt động giữa Ủy ban nhân dân tỉnh Lào Cai với Hội Liên hiệp Phụ nữ tỉnh Lào Cai năm 2024',
		tasks: 13,
	},
	'2025-laocai-ubnd-lldld-ke-hoach.txt': {
		title: 'Phối hợp công tác giữa Ủy ban nhân dân tỉnh Lào Cai với Liên đoàn Lao động tỉnh Lào Cai năm 2025',
		tasks: 10,
	},
};
const expected = documents[basename(sample)];

// The four status labels, in the order of task_status_label().
const STATUS = ['Chưa bắt đầu', 'Đang thực hiện', 'Hoàn thành', 'Đã hủy'];
const NEW_STATUS = 'Đang thực hiện';

let profile, context, page;
let shot = 0, broken = false;
const state = {}; // carried from step to step

async function screenshot(name) {
	shot++;
	const file = join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

// One step of the story: skipped after an earlier failure; a screenshot at
// the end either way (named "...-failed" on failure).
function step(name, slug, fn) {
	test(name, async (t) => {
		if (broken) {
			t.skip('an earlier step failed');
			return;
		}
		try {
			await fn(t);
			await screenshot(slug);
		} catch (e) {
			broken = true;
			await screenshot(`${slug}-failed`).catch(() => {});
			throw e;
		}
	});
}

// Text of the page's main content, whitespace collapsed.
async function mainText() {
	return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

// The counts by status on the dashboard: label -> number. Each count is a
// list item of the "counts" list: the number, then the status label.
async function dashboardCounts() {
	await page.getByRole('heading', { name: 'Nhiệm vụ của đơn vị theo trạng thái' }).waitFor();
	const items = page.locator('main ul.counts li');
	const counts = {};
	for (const label of STATUS) {
		const item = items.filter({ hasText: label });
		assert.equal(await item.count(), 1, `the dashboard has one count of "${label}"`);
		const n = (await item.locator('b').innerText()).trim();
		assert.match(n, /^\d+$/, `the count of "${label}" is a number`);
		counts[label] = Number(n);
	}
	return counts;
}

before(async () => {
	mkdirSync(artifacts, { recursive: true });
	profile = mkdtempSync(join(tmpdir(), 'phoihop-chromium-'));
	context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		       '--disable-background-networking', '--disable-component-update',
		       '--disable-sync'],
		locale: 'vi-VN',
		viewport: { width: 1280, height: 900 },
	});
	context.setDefaultTimeout(15000);
	page = context.pages()[0] || await context.newPage();
	// A script error or a CSP violation in the console fails the run; an
	// error status (the 401 of a refused sign-in) is the test's own doing.
	state.consoleErrors = [];
	page.on('pageerror', (e) => state.consoleErrors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server responded'))
			state.consoleErrors.push(m.text());
	});
	console.log(`# importing ${sample}`);
});

after(async () => {
	await context?.close();
	if (profile) rmSync(profile, { recursive: true, force: true });
});

step('the sign-in page is in Vietnamese and refuses a wrong password', 'login-refused', async () => {
	const res = await page.goto(`${base}/`);
	assert.equal(res.status(), 200);
	assert.match(page.url(), /\/login/, 'a signed-out visitor is sent to the sign-in page');
	await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
	await page.getByLabel('Tên đăng nhập').fill(login);
	await page.getByLabel('Mật khẩu').fill(`${password}-sai`);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng' }).waitFor();
	assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), login, 'the login is kept');
	assert.equal(await page.getByLabel('Mật khẩu').inputValue(), '', 'the password is not echoed');
});

step('signs in and lands on the dashboard', 'dashboard-empty', async () => {
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(`${base}/`);
	await page.locator('header .who').filter({ hasText: 'Nguyễn Văn A' }).waitFor();
	const nav = page.getByRole('navigation', { name: 'Chính' });
	await nav.getByRole('link', { name: 'Tổng quan' }).waitFor();
	assert.equal(await nav.getByRole('link', { name: 'Tổng quan' }).getAttribute('aria-current'), 'page');
	const [y, m, d] = today.split('-');
	assert.ok((await mainText()).includes(`Hôm nay ${d}/${m}/${y}`), `the dashboard's today is ${d}/${m}/${y}`);
	const counts = await dashboardCounts();
	assert.deepEqual(Object.values(counts), [0, 0, 0, 0], 'nothing imported yet');
	const cookies = await context.cookies(base);
	const session = cookies.find((c) => c.httpOnly && c.sameSite !== 'None');
	assert.ok(session, `an HttpOnly SameSite session cookie: ${JSON.stringify(cookies)}`);
});

step('uploads the document and sees the extraction before anything is saved', 'import-review', async () => {
	await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Nhập văn bản' }).click();
	await page.waitForURL(`${base}/import`);
	await page.getByRole('heading', { name: 'Nhập văn bản' }).waitFor();
	await page.getByLabel('Tệp văn bản').setInputFiles(sample);
	await page.getByRole('button', { name: 'Đọc văn bản' }).click();
	await page.getByRole('heading', { name: 'Kiểm tra văn bản nhập' }).waitFor();
	await page.getByRole('status').filter({ hasText: 'Văn bản chưa được ghi' }).waitFor();
	const text = await mainText();
	if (expected) {
		assert.ok(text.includes(expected.title), `the review page shows the title "${expected.title}"`);
		const tasks = await page.getByRole('heading', { name: /^Nhiệm vụ/ }).innerText();
		assert.match(tasks, new RegExp(`\\(${expected.tasks}\\)`), `the review page counts ${expected.tasks} tasks`);
		state.title = expected.title;
	}
	// Nothing is written before confirmation: the plan list has no plan.
	const other = await context.newPage();
	try {
		const res = await other.goto(`${base}/plans`);
		assert.equal(res.status(), 200);
		assert.equal(await other.locator('main a[href^="/plans/"]').count(), 0, 'no plan saved before confirming');
	} finally {
		await other.close();
	}
});

step('confirms the import and lands on the plan page', 'plan', async () => {
	// Tick the confirmation that the review list was read, when asked.
	const reviewed = page.getByLabel('Tôi đã đọc các điểm cần kiểm tra');
	if (await reviewed.count()) {
		assert.equal(await reviewed.isChecked(), false, 'the review is not confirmed for the user');
		await reviewed.check();
	}
	await page.getByRole('button', { name: 'Xác nhận và ghi vào hệ thống' }).click();
	await page.waitForURL(/\/plans\/\d+(\?.*)?$/);
	state.planUrl = page.url().replace(/\?.*$/, '');
	if (state.title)
		await page.getByRole('heading').filter({ hasText: state.title }).first().waitFor();
	const tasks = page.locator('main a[href^="/tasks/"]');
	const hrefs = [...new Set(await tasks.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))]
		.filter((h) => /^\/tasks\/\d+$/.test(h));
	if (expected)
		assert.equal(hrefs.length, expected.tasks, `the plan page links its ${expected.tasks} tasks`);
	else
		assert.ok(hrefs.length > 0, 'the plan page links its tasks');
	state.taskHrefs = hrefs;
});

step('the dashboard counts the unit\'s imported tasks', 'dashboard-imported', async () => {
	await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Tổng quan' }).click();
	await page.waitForURL(`${base}/`);
	state.before = await dashboardCounts();
	const total = Object.values(state.before).reduce((a, b) => a + b, 0);
	assert.ok(total > 0, `the unit has tasks now: ${JSON.stringify(state.before)}`);
	assert.ok(state.before[STATUS[0]] > 0, 'some are not started');
});

step('the unit\'s overdue tasks are one click away', 'overdue', async () => {
	const link = page.getByRole('link', { name: /^Nhiệm vụ quá hạn của đơn vị/ });
	const shown = Number((await link.locator('b').innerText()).trim());
	assert.ok(shown > 0, `"today" leaves some of the unit's tasks overdue: ${shown}`);
	await link.click();
	await page.waitForURL(/\/tasks\?.*overdue=1/);
	await page.getByRole('heading', { name: 'Nhiệm vụ', exact: true }).waitFor();
	assert.equal(await page.locator('#f-overdue').isChecked(), true, 'the filter shows "overdue"');
	assert.match(await page.locator('#task-count').innerText(), new RegExp(`trong ${shown} nhiệm vụ`));
	const rows = page.locator('main tbody tr:has(a[href^="/tasks/"])');
	assert.equal(await rows.count(), shown, `the list holds the ${shown} overdue tasks`);
	for (const text of await rows.allInnerTexts())
		assert.ok(text.includes('Quá hạn'), `each is marked overdue: ${text}`);
});

step(`changes a task of the user's unit to "${NEW_STATUS}"`, 'task-status', async () => {
	// The first task of the plan that this user may change: its page
	// offers the status form only then.
	let found = null;
	for (const href of state.taskHrefs) {
		await page.goto(`${base}${href}`);
		await page.locator('main h1').waitFor();
		const select = page.getByLabel('Trạng thái', { exact: true });
		if (await select.count() === 0)
			continue;
		if (await select.inputValue() !== 'not_started')
			continue;
		found = href;
		break;
	}
	assert.ok(found, 'one task of the plan can be changed by this user');
	state.taskHref = found;
	assert.equal((await page.locator('#task-status').innerText()).trim().split(/\s+Quá hạn/)[0], STATUS[0]);
	await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: NEW_STATUS });
	await page.getByRole('button', { name: 'Lưu trạng thái' }).click();
	await page.waitForURL(new RegExp(`${found}\\?ok=status$`));
	await page.getByRole('status').filter({ hasText: 'Đã cập nhật trạng thái nhiệm vụ.' }).waitFor();
	assert.equal(await page.getByLabel('Trạng thái', { exact: true }).inputValue(), 'in_progress',
	             'the form shows the new status');
	assert.ok((await page.locator('#task-status').innerText()).includes(NEW_STATUS),
	          `the task's details show "${NEW_STATUS}"`);
	const history = page.locator('#history tr').filter({ hasText: login });
	assert.ok(await history.count() > 0, 'the task\'s history shows the change by this user');
});

step('the dashboard shows the change', 'dashboard-changed', async () => {
	await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Tổng quan' }).click();
	await page.waitForURL(`${base}/`);
	const now = await dashboardCounts();
	assert.equal(now[STATUS[1]], state.before[STATUS[1]] + 1, `one more "${STATUS[1]}"`);
	assert.equal(now[STATUS[0]], state.before[STATUS[0]] - 1, `one fewer "${STATUS[0]}"`);
	// Where the dashboard lists the task itself, it shows the new status.
	const row = page.locator(`main tr:has(a[href="${state.taskHref}"]), main li:has(a[href="${state.taskHref}"])`);
	for (let i = 0; i < await row.count(); i++)
		assert.ok((await row.nth(i).innerText()).includes(NEW_STATUS), 'the task\'s line shows its new status');
});

step('the audit log records who changed what, before and after', 'audit', async () => {
	await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Nhật ký' }).click();
	await page.waitForURL(/\/audit/);
	await page.getByRole('heading', { name: 'Nhật ký thay đổi' }).waitFor();
	// The newest entry about this task is the status change, by this user.
	const entry = page.locator(`main tr:has(a[href="${state.taskHref}"])`).first();
	await entry.waitFor();
	const text = (await entry.innerText()).replace(/\s+/g, ' ');
	assert.ok(text.includes('Đổi trạng thái nhiệm vụ'), `the entry is a status change: ${text}`);
	assert.ok(text.includes(login), `the entry names who: ${text}`);
	assert.match(text, /not_started.*→.*in_progress/, `the entry shows before and after: ${text}`);
});

// The API with the browser's own session (the page's CSP allows no fetch
// from a page): the context's cookie, and the CSRF token from /api/v1/me.
// Returns [status, parsed body].
async function api(method, path, body) {
	const me = await (await context.request.get(`${base}/api/v1/me`)).json();
	const r = await context.request.fetch(`${base}${path}`, {
		method, headers: { 'X-CSRF-Token': me.csrf_token }, data: body,
	});
	return [r.status(), await r.json()];
}

// An SVG chart is drawn: visible, with a real size.
async function assertDrawn(selector) {
	const svg = page.locator(selector);
	await svg.waitFor();
	assert.ok(await svg.isVisible(), `${selector} is visible`);
	const box = await svg.boundingBox();
	assert.ok(box && box.width > 100 && box.height > 50, `${selector} has a size: ${JSON.stringify(box)}`);
}

step('an indicator chart shows one bar per unit against the target line', 'indicator-chart', async () => {
	const year = today.slice(0, 4), period = `${year}-H1`;
	const [, me] = await api('GET', '/api/v1/me');
	const unit = me.user.unit_id;
	let [st, ind] = await api('POST', '/api/v1/indicators', {
		code: 'E2E-TL', name: 'Tỷ lệ hộ được hỗ trợ (thử nghiệm)', measure: '%', type: 'rate',
		levels: 'central,province,district,commune,branch' });
	assert.equal(st, 201, `indicator created: ${JSON.stringify(ind)}`);
	for (const level of ['province', 'district', 'commune', 'branch']) {
		[st] = await api('POST', `/api/v1/indicators/${ind.id}/targets`,
		                 { year: Number(year), level, op: '>=', value: 80 });
		assert.equal(st, 200, `target of ${level}`);
	}
	const [, roll] = await api('GET', `/api/v1/indicators/${ind.id}/rollup?period=${period}&unit=${unit}`);
	const kids = roll.children.map((c) => c.unit_id);
	assert.ok(kids.length >= 2, `the user's unit has units under it: ${kids.length}`);
	[st] = await api('POST', `/api/v1/indicators/${ind.id}/values`, { values: [
		{ unit: kids[0], period, value: 9, denominator: 10 },
		{ unit: kids[1], period, value: 5, denominator: 10 },
		{ unit: kids[0], period: `${year}-H2`, value: 17, denominator: 20 },
	] });
	assert.equal(st, 200, 'values written');
	state.indicator = ind.id;
	state.kids = kids;
	state.period = period;

	await page.goto(`${base}/indicators/${ind.id}`);
	await page.getByRole('link', { name: 'Biểu đồ' }).click();
	await page.waitForURL(/\/indicators\/\d+\/chart/);
	await page.goto(`${base}/indicators/${ind.id}/chart?period=${period}&unit=${unit}`);
	await assertDrawn('svg#units-chart');
	await assertDrawn('svg#periods-chart');
	assert.equal(await page.locator('svg#units-chart g.bar-row rect.bar').count(), kids.length,
	             'one bar per unit under the user\'s unit');
	assert.equal(await page.locator('svg#units-chart g.target-mark line.target').count(), 1, 'one target line');
	const text = await page.locator('svg#units-chart').textContent();
	for (const s of ['Chỉ tiêu: ≥ 80%', '90% ✓ đạt', '50% ✗ không đạt'])
		assert.ok(text.includes(s), `the chart says "${s}"`);
	// Bars have their drawn width: the met bar is 90/50 the not-met one.
	const met = await page.locator('svg#units-chart rect.bar.met').first().boundingBox();
	const notMet = await page.locator('svg#units-chart rect.bar.not_met').first().boundingBox();
	assert.ok(met.width > 0 && Math.abs(met.width / notMet.width - 1.8) < 0.02,
	          `bar widths ${met.width} / ${notMet.width}`);
	assert.equal(await page.locator('svg#periods-chart circle.pt').count() -
	             await page.locator('svg#periods-chart .legend circle.pt').count(), 2,
	             'two periods with values on the periods chart');
});

step('the dashboard shows units x indicators and report completeness', 'dashboards', async () => {
	const [, me] = await api('GET', '/api/v1/me');
	const [st, sched] = await api('POST', '/api/v1/schedules', {
		kind: 'ad_hoc', title: 'Báo cáo nhanh thử nghiệm', due: today,
		cutoff_start: `${today.slice(0, 4)}-01-01`, cutoff_end: today,
		receiving_unit_id: me.user.unit_id, unit_ids: state.kids.slice(0, 2) });
	assert.ok(st === 200 || st === 201, `schedule created: ${JSON.stringify(sched)}`);
	await page.goto(`${base}/`);
	await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Bảng điều khiển' }).click();
	await page.waitForURL(/\/dashboards/);
	await page.goto(`${base}/dashboards?period=${state.period}`);
	const table = page.locator('table.attain-matrix');
	await table.waitFor();
	assert.equal(await table.locator('tbody tr').count(), state.kids.length, 'one row per unit');
	assert.ok(await table.locator('td.met').count() >= 1, 'a met cell');
	assert.ok(await table.locator('td.not_met').count() >= 1, 'a not-met cell');
	const t = await table.innerText();
	for (const s of ['✓ đạt', '✗ không đạt', '– chưa có số liệu'])
		assert.ok(t.includes(s), `the table says "${s}"`);
	await assertDrawn('svg#compliance-chart');
	const row = page.locator('svg#compliance-chart g.sched-row').filter({ hasText: 'Báo cáo nhanh thử nghiệm' });
	assert.equal(await row.count(), 1, 'the schedule has a bar');
	assert.equal(await row.locator('rect.seg').count(), 3, 'on time, late and missing segments');
	assert.ok((await row.textContent()).includes('chưa nộp 2'), 'two reports missing');
});

step('signs out', 'signed-out', async () => {
	await page.locator('header').getByRole('button', { name: 'Đăng xuất' }).click();
	await page.waitForURL(/\/login/);
	const res = await page.goto(`${base}/tasks`);
	assert.match(page.url(), /\/login/, 'the task list needs signing in again');
	assert.equal(res.status(), 200);
	assert.deepEqual(state.consoleErrors, [], 'no script errors or CSP violations in the console');
});
