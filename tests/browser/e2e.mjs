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

step('signs out', 'signed-out', async () => {
	await page.locator('header').getByRole('button', { name: 'Đăng xuất' }).click();
	await page.waitForURL(/\/login/);
	const res = await page.goto(`${base}/tasks`);
	assert.match(page.url(), /\/login/, 'the task list needs signing in again');
	assert.equal(res.status(), 200);
	assert.deepEqual(state.consoleErrors, [], 'no script errors or CSP violations in the console');
});
