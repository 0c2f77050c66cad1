// e2e.mjs: the end-to-end browser test of phoihop. playwright-core drives
// Debian's chromium, headless, through what a coordinator does first: sign
// in, import a plan through the upload page, confirm it, change a task's
// status, and see the change on the dashboard and in the audit log; then
// the reporting regime: report schedules from the plan's deadlines and by
// hand, one unit's report drafted, submitted, returned, corrected and
// accepted (its target and figures typed the Vietnamese way, "2.500" and
// "1.250", and shown back so; "2.5" refused with both readings), and the
// compliance pages. Each step leaves a full-page screenshot in $ARTIFACTS.
//
// Run through tools/browser-test.sh, which starts the server and sets:
//   BASE_URL  http://127.0.0.1:PORT/      LOGIN, PASSWORD  a coordinator
//   SAMPLE    the document to import      TODAY            PHOIHOP_TODAY
//   ARTIFACTS screenshot folder           CHROMIUM         browser binary
//   EDITOR_LOGIN, EDITOR_NAME, APPROVER_LOGIN, APPROVER_NAME  users of the
//             reporting unit (same PASSWORD); unset: reporting steps skipped
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
		// Written in Markdown though named .txt: the user says so on the form
		// (a .txt file is otherwise read as plain text, every character kept).
		format: 'Markdown: đọc chữ đậm, chữ nghiêng, tiêu đề',
		// The reporting steps: the plan asks for a 6-month and an annual
		// report; the district unions report to the provincial one, Sa Pa
		// (the unit of EDITOR_LOGIN and APPROVER_LOGIN) through the pages.
		reports: {
			receiving: 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai',
			unit: 'Hội Liên hiệp Phụ nữ thị xã Sa Pa',
			units: ['Hội Liên hiệp Phụ nữ thị xã Sa Pa', 'Hội Liên hiệp Phụ nữ huyện Bảo Yên',
			        'Hội Liên hiệp Phụ nữ huyện Bát Xát'],
			deadlines: [
				{ kind: 'Báo cáo sơ kết 6 tháng', text: 'Báo cáo sơ kết 06 tháng trước ngày 15/6',
				  due: '2024-06-15', period: '01/01/2024 – 30/06/2024', cutoff: '15/12/2023 – 14/06/2024',
				  title: 'Báo cáo sơ kết 6 tháng năm 2024 của Hội LHPN các huyện' },
				{ kind: 'Báo cáo tổng kết năm', text: 'Báo cáo tổng kết trước ngày 20/12/2024',
				  due: '2024-12-20', period: '01/01/2024 – 31/12/2024', cutoff: '15/12/2023 – 14/12/2024',
				  title: 'Báo cáo tổng kết năm 2024 của Hội LHPN các huyện' },
			],
		},
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
	if (expected && expected.format)
		await page.getByLabel('Định dạng').selectOption({ label: expected.format });
	await page.getByRole('button', { name: 'Đọc văn bản' }).click();
	await page.getByRole('heading', { name: 'Kiểm tra văn bản nhập' }).waitFor();
	await page.getByRole('status').filter({ hasText: 'Văn bản chưa được ghi' }).waitFor();
	const text = await mainText();
	// One screen per concern, switched by anchors (no script): each fits a
	// 1366×768 laptop without scrolling sideways.
	await page.setViewportSize({ width: 1366, height: 768 });
	const steps = page.getByRole('navigation', { name: 'Các bước kiểm tra' });
	for (const name of [/Văn bản/, /Nhiệm vụ/, /Đơn vị/, /Kiểm tra và xác nhận/]) {
		const link = steps.getByRole('link', { name });
		if (!(await link.count()))
			continue;
		await link.click();
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(wide <= 1366, `the screen ${name} is ${wide} px wide at 1366×768`);
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	await steps.getByRole('link', { name: /Nhiệm vụ/ }).click();
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
	// The confirmation is the last screen.
	await page.getByRole('navigation', { name: 'Các bước kiểm tra' })
		.getByRole('link', { name: /Kiểm tra và xác nhận/ }).click();
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

// ---- The reporting regime: schedules, one unit's report, compliance ----
// Only for a document whose reporting units are known (tools/browser-test.sh
// adds an editor and an approver of reports.unit for it). Everything goes
// through the pages: links, form fills and buttons.

// Sign out whoever is signed in, and sign in as login; wait for the
// dashboard and the user's name in the header.
async function signInAs(who, name) {
	const out = page.locator('header').getByRole('button', { name: 'Đăng xuất' });
	if (await out.count()) {
		await out.click();
		await page.waitForURL(/\/login/);
	} else {
		await page.goto(`${base}/login`);
	}
	await page.getByLabel('Tên đăng nhập').fill(who);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(`${base}/`);
	await page.locator('header .who').filter({ hasText: name }).waitFor();
}

// "YYYY-MM-DD" as shown: "dd/mm/yyyy".
const shown = (iso) => iso.split('-').reverse().join('/');
// Whole days from ISO date a to ISO date b.
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);

// The rows of the schedule list: title, kind, period, cut-off, due,
// receiving unit, number of submitting units.
async function scheduleRows() {
	await page.getByRole('heading', { name: 'Lịch báo cáo', exact: true }).waitFor();
	const rows = page.locator('main tbody tr');
	const out = [];
	for (let i = 0; i < await rows.count(); i++) {
		const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
		out.push({ title: cells[0], kind: cells[1], period: cells[2], cutoff: cells[3],
		           due: cells[4], receiving: cells[5], units: Number(cells[6]) });
	}
	return out;
}

// The report's status line: "Bản nháp (phiên bản 1)".
async function reportStatus() {
	return (await page.locator('#report-status').innerText()).replace(/\s+/g, ' ').trim();
}

// The report form's first narrative textarea (the form may hold more
// fields, e.g. indicator values).
const narrative = () => page.locator('#draft-form textarea[name^="text_"]').first();

// Opens the report of reports.unit for the schedule titled title, through
// the menu, the schedule list and the schedule page.
async function openReport(title) {
	await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click();
	await page.waitForURL(/\/schedules$/);
	await page.getByRole('link', { name: title, exact: true }).click();
	await page.waitForURL(/\/schedules\/\d+$/);
	await page.locator('main li').filter({ hasText: reports.unit }).getByRole('link', { name: 'Báo cáo' }).click();
	await page.waitForURL(/\/schedules\/\d+\/units\/\d+$/);
	await page.locator('main h1').filter({ hasText: title }).waitFor();
}

// Nothing of the page lets anyone change the shown version.
// A sent version is read-only: no field to type in and no button to save
// or submit. Whoever may write the unit's report sees only a folded
// "Lập bản điều chỉnh" (a correction is a new version).
async function assertReadOnly(what, canCorrect) {
	assert.equal(await page.locator('main textarea:visible, main input[type="text"]:visible').count(), 0,
	             `${what}: no field to type in`);
	assert.equal(await page.getByRole('button', { name: 'Lưu bản nháp' }).count(), 0, `${what}: no "Lưu bản nháp"`);
	assert.equal(await page.getByRole('button', { name: 'Gửi báo cáo' }).count(), 0, `${what}: no "Gửi báo cáo"`);
	if (canCorrect)
		assert.equal(await page.locator('details#draft > summary').innerText(),
		             'Lập bản điều chỉnh (phiên bản mới)', `${what}: a folded correction`);
}

// The report form's figure of the indicator coded code.
const figure = (code) => page.locator('#draft-form table.report-values tr').filter({ hasText: code })
	.locator('input[name^="value_"]');

// The roll-up of the indicator made for the reports, at the signed-in
// user's unit, for the 6-month period.
async function reportRollup() {
	const [, me] = await api('GET', '/api/v1/me');
	const [st, roll] = await api('GET', `/api/v1/indicators/${state.figureId}/rollup?period=${FIG_PERIOD}&unit=${me.user.unit_id}`);
	assert.equal(st, 200, `roll-up: ${JSON.stringify(roll)}`);
	return roll.value;
}

// The compliance counts: label -> number, in page order.
async function complianceCounts() {
	const items = page.locator('#counts li');
	const counts = {};
	for (let i = 0; i < await items.count(); i++) {
		const n = (await items.nth(i).locator('b').innerText()).trim();
		const label = (await items.nth(i).innerText()).replace(/\s+/g, ' ').trim().slice(n.length).trim();
		counts[label] = Number(n);
	}
	return counts;
}

// The compliance table: unit name -> [row class, state text, latest version].
async function complianceRows() {
	const rows = page.locator('table#compliance tbody tr');
	const out = {};
	for (let i = 0; i < await rows.count(); i++) {
		const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
		out[cells[0]] = [await rows.nth(i).getAttribute('class'), cells[1], cells[3]];
	}
	return out;
}

const reports = expected?.reports;
const editor = process.env.EDITOR_LOGIN, approver = process.env.APPROVER_LOGIN;
// A reporting step: skipped (with the reason) when this document has none.
function reportStep(name, slug, fn) {
	if (reports && editor && approver)
		return step(name, slug, fn);
	test(name, (t) => t.skip('no reporting units for this document'));
}
const TEXT1 = 'Sáu tháng đầu năm, Hội đã tổ chức 12 buổi truyền thông về bình đẳng giới cho 640 hội viên.';
const TEXT2 = 'Sáu tháng đầu năm, Hội đã tổ chức 14 buổi truyền thông về bình đẳng giới cho 712 hội viên (số liệu đã đối chiếu).';
const COMMENT = 'Đề nghị đối chiếu lại số buổi truyền thông với sổ theo dõi.';
const FIG_CODE = 'E2E-TT', FIG_NAME = 'Số buổi truyền thông về bình đẳng giới (thử nghiệm)';
const FIG_PERIOD = `${today.slice(0, 4)}-H1`;

reportStep('a coordinator makes the report schedules from the plan\'s deadlines', 'schedules-from-plan', async () => {
	await page.goto(state.planUrl);
	await page.getByRole('button', { name: 'Lập lịch báo cáo từ các hạn báo cáo' }).click();
	await page.waitForURL(/\/schedules\?ok=plan&made=2&skipped=0$/);
	await page.getByRole('status').filter({
		hasText: 'Đã tạo 2 lịch báo cáo từ kế hoạch (bỏ qua 0 hạn đã có lịch hoặc chưa có ngày).' }).waitFor();
	const rows = await scheduleRows();
	assert.equal(rows.length, reports.deadlines.length, `one schedule per deadline: ${JSON.stringify(rows)}`);
	for (const d of reports.deadlines) {
		const row = rows.find((r) => r.kind === d.kind);
		assert.ok(row, `a schedule of kind "${d.kind}": ${JSON.stringify(rows)}`);
		assert.ok(row.title.includes(d.text), `its title is the deadline's text "${d.text}": ${row.title}`);
		assert.equal(row.due, shown(d.due), `"${d.kind}" is due ${shown(d.due)}`);
		assert.equal(row.cutoff, d.cutoff, `"${d.kind}" has the default cut-off`);
		assert.equal(row.receiving, reports.receiving, 'received by the coordinator\'s unit');
		assert.equal(row.units, 1, 'the plan\'s lead unit submits');
	}
	// The button is done: pressing it again makes nothing new.
	await page.goto(state.planUrl);
	await page.getByRole('button', { name: 'Lập lịch báo cáo từ các hạn báo cáo' }).click();
	await page.waitForURL(/\/schedules\?ok=plan&made=0&skipped=2$/);
	assert.equal((await scheduleRows()).length, reports.deadlines.length, 'no duplicate schedules');
});

reportStep('the coordinator sets up the 6-month and annual reports of the units by hand', 'schedules-by-hand', async () => {
	state.schedules = {};
	for (const d of reports.deadlines) {
		await page.getByRole('link', { name: 'Lập lịch báo cáo mới' }).click();
		await page.waitForURL(/\/schedules\/new$/);
		await page.getByLabel('Loại báo cáo').selectOption({ label: d.kind });
		await page.getByLabel('Năm', { exact: true }).fill(d.due.slice(0, 4));
		await page.getByLabel('Tên báo cáo').fill(d.title);
		await page.getByLabel('Hạn gửi báo cáo').fill(d.due);
		await page.getByLabel('Đơn vị nhận báo cáo').selectOption({ label: reports.receiving });
		await page.getByLabel('Danh sách đơn vị').selectOption(reports.units.map((label) => ({ label })));
		await page.getByRole('button', { name: 'Lập lịch báo cáo', exact: true }).click();
		await page.waitForURL(/\/schedules\/\d+\?ok=created$/);
		await page.getByRole('status').filter({ hasText: 'Đã tạo lịch báo cáo.' }).waitFor();
		await page.getByRole('heading', { name: d.title }).first().waitFor();
		const units = page.locator('main section').filter({
			has: page.getByRole('heading', { name: `Đơn vị gửi báo cáo (${reports.units.length})` }) });
		for (const u of reports.units)
			assert.equal(await units.getByRole('link', { name: u, exact: true }).count(), 1, `${u} submits`);
		state.schedules[d.kind] = page.url().replace(/\?.*$/, '');
		await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click();
		await page.waitForURL(/\/schedules$/);
	}
	const rows = await scheduleRows();
	assert.equal(rows.length, 2 * reports.deadlines.length, 'the plan\'s schedules and the hand-made ones');
	for (const d of reports.deadlines) {
		const row = rows.find((r) => r.title === d.title);
		assert.ok(row, `"${d.title}" is listed: ${JSON.stringify(rows)}`);
		assert.equal(row.kind, d.kind);
		assert.equal(row.due, shown(d.due), `"${d.title}" is due ${shown(d.due)}`);
		assert.equal(row.period, d.period, `"${d.title}" covers ${d.period}`);
		assert.equal(row.cutoff, d.cutoff, `"${d.title}" has the default cut-off of Decree 09/2019`);
		assert.equal(row.receiving, reports.receiving);
		assert.equal(row.units, reports.units.length);
	}
});

reportStep('the coordinator defines an indicator the district unions report', 'indicator-new', async () => {
	await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
	await page.getByRole('link', { name: 'Thêm chỉ tiêu' }).click();
	await page.waitForURL(/\/indicators\/new$/);
	await page.getByLabel('Mã chỉ tiêu').fill(FIG_CODE);
	await page.getByLabel('Tên chỉ tiêu').fill(FIG_NAME);
	await page.getByLabel('Đơn vị tính').fill('buổi');
	await page.getByLabel('Loại').selectOption('count');
	await page.getByLabel('Cấp báo cáo (phân cách bằng dấu phẩy)').fill('district');
	await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
	await page.waitForURL(/\/indicators\/\d+\?ok=created$/);
	state.figureId = Number(page.url().match(/\/indicators\/(\d+)/)[1]);
	// A target typed the Vietnamese way: "2.500" is two thousand five hundred.
	const targets = page.locator('form[action$="/targets"]');
	await targets.getByLabel('Năm', { exact: true }).fill(today.slice(0, 4));
	await targets.getByLabel('Cấp').selectOption('district');
	await targets.getByLabel('Phép so sánh').selectOption('>=');
	await targets.getByLabel('Giá trị').fill('2.500');
	await page.getByRole('button', { name: 'Lưu chỉ tiêu kế hoạch' }).click();
	await page.waitForURL(/\?ok=target$/);
	assert.ok((await mainText()).includes('≥ 2.500'), 'the target is shown as ≥ 2.500');
	const [st, ind] = await api('GET', `/api/v1/indicators/${state.figureId}`);
	assert.equal(st, 200, 'the indicator reads back');
	assert.equal(ind.targets[0].value, 2500, `the target is 2500: ${JSON.stringify(ind.targets)}`);
});

reportStep('an editor of a submitting unit drafts the 6-month report', 'report-draft', async () => {
	await signInAs(editor, process.env.EDITOR_NAME);
	await openReport(reports.deadlines[0].title);
	state.reportUrl = page.url();
	assert.equal(await reportStatus(), 'Chưa có', 'nothing reported yet');
	await page.getByRole('heading', { name: 'Soạn báo cáo' }).waitFor();
	await narrative().fill(TEXT1);
	await page.getByRole('heading', { name: `Số liệu chỉ tiêu, kỳ 6 tháng đầu năm ${today.slice(0, 4)}` }).waitFor();
	// A figure that reads two ways is refused with both readings, never
	// guessed; the form comes back with what was typed, nothing saved.
	await figure(FIG_CODE).fill('2.5');
	await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await page.getByText('“2.5” không rõ là số nào: nếu là số thập phân, hãy viết 2,5; nếu là số'
	                     + ' nguyên, hãy viết 25.').waitFor();
	assert.equal(await figure(FIG_CODE).inputValue(), '2.5', 'the refused form keeps the figure');
	assert.equal(await reportStatus(), 'Chưa có', 'nothing saved');
	// A figure the indicator refuses: the form comes back with the reason
	// and what was typed, and nothing is saved.
	await figure(FIG_CODE).fill('12,5');
	await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await page.getByText(`Báo cáo chưa được lưu: chỉ tiêu ${FIG_CODE} — Số lượng phải là số nguyên.`).waitFor();
	assert.equal(await narrative().inputValue(), TEXT1, 'the refused form keeps the text');
	assert.equal(await reportStatus(), 'Chưa có', 'nothing saved');
	await figure(FIG_CODE).fill('1.250');
	await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await page.waitForURL(/\?ok=saved$/);
	await page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp.' }).waitFor();
	assert.equal(await reportStatus(), 'Bản nháp (phiên bản 1)');
	assert.equal(await narrative().inputValue(), TEXT1, 'the draft keeps the text');
	assert.equal(await figure(FIG_CODE).inputValue(), '1.250', 'the draft shows the figure as 1.250');
	assert.equal(await page.getByRole('button', { name: 'Gửi báo cáo' }).count(), 0, 'an editor cannot submit');
});

reportStep('the unit\'s approver submits it, and the submitted version is read-only', 'report-submitted', async () => {
	await signInAs(approver, process.env.APPROVER_NAME);
	await page.goto(state.reportUrl);
	assert.equal(await reportStatus(), 'Bản nháp (phiên bản 1)');
	await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
	await page.waitForURL(/\?ok=submitted$/);
	await page.getByRole('status').filter({ hasText: 'Đã gửi báo cáo.' }).waitFor();
	assert.equal(await reportStatus(), 'Đã gửi (phiên bản 1)');
	assert.ok((await page.locator('#latest').innerText()).includes(TEXT1), 'the submitted text is shown');
	const fig = page.locator('#latest table.report-values tr').filter({ hasText: FIG_CODE });
	assert.equal((await fig.locator('td.num').innerText()).trim(), '1.250', 'the submitted figure is shown');
	await assertReadOnly('the approver, after submitting', true);
	assert.equal(await page.locator('#review-form').count(), 0, 'the submitting unit cannot review');
	await signInAs(editor, process.env.EDITOR_NAME);
	await page.goto(state.reportUrl);
	assert.equal(await reportStatus(), 'Đã gửi (phiên bản 1)');
	await assertReadOnly('the editor, after submission', true);
	assert.equal(await reportRollup(), 1250, 'the submitted figure counts in the roll-up of the unit');
});

reportStep('the receiving coordinator returns it with a comment', 'report-returned', async () => {
	await signInAs(login, 'Nguyễn Văn A');
	await page.goto(state.reportUrl);
	await page.getByRole('heading', { name: 'Xem xét báo cáo' }).waitFor();
	await page.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill(COMMENT);
	await page.getByRole('button', { name: 'Trả lại' }).click();
	await page.waitForURL(/\?ok=returned$/);
	await page.getByRole('status').filter({ hasText: 'Đã trả lại báo cáo.' }).waitFor();
	assert.equal(await reportStatus(), 'Bị trả lại (phiên bản 1)');
	assert.equal((await page.locator('#latest .review-comment').innerText()).trim(), COMMENT);
	assert.equal(await page.locator('#review-form').count(), 0, 'nothing left to review');
});

reportStep('the editor writes a correction (version 2) and the approver submits it', 'report-corrected', async () => {
	await signInAs(editor, process.env.EDITOR_NAME);
	await page.goto(state.reportUrl);
	await page.getByRole('heading', { name: 'Lập bản điều chỉnh (phiên bản mới)' }).waitFor();
	assert.equal((await page.locator('#latest .review-comment').innerText()).trim(), COMMENT,
	             'the editor sees why it was returned');
	assert.equal(await narrative().inputValue(), TEXT1, 'the correction starts from the returned text');
	assert.equal(await figure(FIG_CODE).inputValue(), '1.250', 'and from the returned figure');
	await narrative().fill(TEXT2);
	await figure(FIG_CODE).fill('1.400');
	await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await page.waitForURL(/\?ok=saved$/);
	assert.equal(await reportStatus(), 'Bản nháp (phiên bản 2)');
	await signInAs(approver, process.env.APPROVER_NAME);
	await page.goto(state.reportUrl);
	await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
	await page.waitForURL(/\?ok=submitted$/);
	assert.equal(await reportStatus(), 'Đã gửi (phiên bản 2)');
	await assertReadOnly('version 2, submitted', true);
	assert.equal(await reportRollup(), 1400, 'the correction replaced the figure in the roll-up');
});

reportStep('the coordinator accepts version 2; the history keeps version 1 and the comment', 'report-accepted', async () => {
	await signInAs(login, 'Nguyễn Văn A');
	await page.goto(state.reportUrl);
	assert.ok((await page.locator('#latest').innerText()).includes(TEXT2), 'version 2 is shown for review');
	await page.getByRole('button', { name: 'Chấp nhận' }).click();
	await page.waitForURL(/\?ok=accepted$/);
	await page.getByRole('status').filter({ hasText: 'Đã chấp nhận báo cáo.' }).waitFor();
	assert.equal(await reportStatus(), 'Đã chấp nhận (phiên bản 2)');
	await page.locator('#latest h2').filter({ hasText: 'Phiên bản 2' }).waitFor();
	assert.ok((await page.locator('#latest').innerText()).includes(TEXT2));
	await page.getByRole('heading', { name: 'Lịch sử các phiên bản' }).waitFor();
	const old = page.locator('#history details');
	assert.equal(await old.count(), 1, 'one earlier version');
	assert.equal((await old.locator('summary').innerText()).trim(), 'Phiên bản 1 — Bị trả lại');
	await old.locator('summary').click();
	const text = await old.innerText();
	assert.ok(text.includes(TEXT1), 'version 1 keeps its text');
	assert.ok(text.includes(COMMENT), 'version 1 keeps the return comment');
	assert.equal(await page.locator('#review-form').count(), 0, 'nothing left to review');
	await assertReadOnly('the accepted report');
});

reportStep('the compliance page shows who reported late and who is missing', 'compliance', async () => {
	const d = reports.deadlines[0];
	const late = daysBetween(d.due, today); // 15/06 -> 20/08/2024: 66 days
	assert.ok(late > 0, 'today is after the 6-month deadline');
	await page.getByRole('link', { name: 'Tình hình nộp báo cáo' }).first().click();
	await page.waitForURL(/\/schedules\/\d+\/compliance$/);
	await page.getByRole('heading', { name: 'Tình hình nộp báo cáo' }).waitFor();
	assert.ok((await mainText()).includes(`${d.title} — hạn gửi ${shown(d.due)}, đơn vị nhận ${reports.receiving}.`));
	const others = reports.units.length - 1;
	assert.deepEqual(await complianceCounts(), {
		'Đơn vị phải gửi': reports.units.length, 'Đúng hạn': 0, 'Trễ hạn': 1,
		'Chưa nộp, quá hạn': others, 'Chưa nộp, chưa đến hạn': 0 });
	const rows = await complianceRows();
	assert.deepEqual(Object.keys(rows).sort(), [...reports.units].sort(), 'one row per submitting unit');
	assert.deepEqual(rows[reports.unit], ['late', `Trễ ${late} ngày`, '2: Đã chấp nhận'],
	                 'the unit submitted version 1 late; version 2 was accepted');
	for (const u of reports.units.filter((u) => u !== reports.unit))
		assert.deepEqual(rows[u], ['missing overdue', `Chưa nộp (quá hạn ${late} ngày)`, 'Chưa có'], `${u} is missing`);
});

reportStep('the approver submits the annual report in time; the annual compliance shows it', 'compliance-annual', async () => {
	const d = reports.deadlines[1];
	assert.ok(daysBetween(today, d.due) > 0, 'today is before the annual deadline');
	await signInAs(approver, process.env.APPROVER_NAME);
	await openReport(d.title);
	await narrative().fill('Cả năm, Hội đã hoàn thành các nội dung phối hợp theo kế hoạch.');
	await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await page.waitForURL(/\?ok=saved$/);
	await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
	await page.waitForURL(/\?ok=submitted$/);
	assert.equal(await reportStatus(), 'Đã gửi (phiên bản 1)');
	await signInAs(login, 'Nguyễn Văn A');
	await page.goto(state.schedules[d.kind]);
	await page.getByRole('link', { name: 'Tình hình nộp báo cáo' }).click();
	await page.waitForURL(/\/compliance$/);
	assert.deepEqual(await complianceCounts(), {
		'Đơn vị phải gửi': reports.units.length, 'Đúng hạn': 1, 'Trễ hạn': 0,
		'Chưa nộp, quá hạn': 0, 'Chưa nộp, chưa đến hạn': reports.units.length - 1 });
	const rows = await complianceRows();
	assert.deepEqual(rows[reports.unit], ['on_time', 'Đúng hạn', '1: Đã gửi']);
	for (const u of reports.units.filter((u) => u !== reports.unit))
		assert.deepEqual(rows[u], ['missing', 'Chưa nộp (chưa đến hạn)', 'Chưa có'], `${u} is not due yet`);
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

// The same plan as a clerk's Word file (written by the test harness from the
// text, with a header table and the appendix as Word tables): the upload
// page reads it by its content, shows the same title and as many tasks,
// and places its review items in the file.
const wordSample = process.env.SAMPLE_DOCX || '';
const wordStep = wordSample ? step : (name) => test(name, (t) => t.skip('no Word copy of the sample'));
wordStep('uploads the plan as a Word file and sees the same header and tasks', 'import-word', async () => {
	await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Nhập văn bản' }).click();
	await page.waitForURL(`${base}/import`);
	await page.getByLabel('Tệp văn bản').setInputFiles(wordSample);
	await page.getByRole('button', { name: 'Đọc văn bản' }).click();
	await page.getByRole('heading', { name: 'Kiểm tra văn bản nhập' }).waitFor();
	const text = await mainText();
	if (state.title)
		assert.ok(text.includes(state.title), `the Word file's review shows the title "${state.title}"`);
	assert.ok(/\b(đoạn|bảng) \d+/.test(text) || !/Điểm cần kiểm tra \(/.test(text),
		'the review items of a Word file name their place in it');
	await page.getByRole('navigation', { name: 'Các bước kiểm tra' })
		.getByRole('link', { name: /Nhiệm vụ/ }).click();
	if (expected) {
		const tasks = await page.getByRole('heading', { name: /^Nhiệm vụ/ }).innerText();
		assert.match(tasks, new RegExp(`\\(${expected.tasks}\\)`), `the Word file gives ${expected.tasks} tasks too`);
	}
});

step('signs out', 'signed-out', async () => {
	await page.locator('header').getByRole('button', { name: 'Đăng xuất' }).click();
	await page.waitForURL(/\/login/);
	const res = await page.goto(`${base}/tasks`);
	assert.match(page.url(), /\/login/, 'the task list needs signing in again');
	assert.equal(res.status(), 200);
	assert.deepEqual(state.consoleErrors, [], 'no script errors or CSP violations in the console');
});
