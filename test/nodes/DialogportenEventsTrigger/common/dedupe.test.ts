import type { IDataObject } from 'n8n-workflow';
import { EventIdWindow } from '../../../../nodes/DialogportenEventsTrigger/common/dedupe';

const HOUR = 3_600_000;

describe('EventIdWindow', () => {
	it('remembers ids across instances through static data', () => {
		const staticData: IDataObject = {};
		const first = new EventIdWindow(staticData, 48 * HOUR, 1_000);
		expect(first.has('a')).toBe(false);
		first.add('a');
		first.save();
		const second = new EventIdWindow(staticData, 48 * HOUR, 2_000);
		expect(second.has('a')).toBe(true);
		expect(second.has('b')).toBe(false);
	});

	it('forgets ids older than the window', () => {
		const staticData: IDataObject = {};
		const window = new EventIdWindow(staticData, HOUR, 0);
		window.add('old');
		window.save();
		expect(new EventIdWindow(staticData, HOUR, HOUR).has('old')).toBe(true);
		const later = new EventIdWindow(staticData, HOUR, HOUR + 1);
		expect(later.has('old')).toBe(false);
		later.add('new');
		later.save();
		expect(staticData.seenEventIds).toEqual([['new', HOUR + 1]]);
	});

	it('keeps at most the newest maxIds ids', () => {
		const staticData: IDataObject = {};
		const window = new EventIdWindow(staticData, HOUR, 0, 3);
		for (const id of ['1', '2', '3', '4']) window.add(id);
		window.save();
		const reread = new EventIdWindow(staticData, HOUR, 0, 3);
		expect(['1', '2', '3', '4'].map((id) => reread.has(id))).toEqual([false, true, true, true]);
	});

	it('does nothing and stores nothing when the window is 0', () => {
		const staticData: IDataObject = { seenEventIds: [['a', 0]] };
		const window = new EventIdWindow(staticData, 0, 0);
		window.add('a');
		expect(window.has('a')).toBe(false);
		window.save();
		expect(staticData.seenEventIds).toBeUndefined();
	});

	it('ignores malformed stored entries', () => {
		const staticData: IDataObject = { seenEventIds: [['a', 5], 'junk', [1, 2], null] as unknown as IDataObject[] };
		const window = new EventIdWindow(staticData, HOUR, 10);
		expect(window.has('a')).toBe(true);
	});
});

describe('dedupe window parameter', () => {
	it('defaults to DEFAULT_DEDUPE_WINDOW_HOURS', async () => {
		const { dedupeWindowProperty, DEFAULT_DEDUPE_WINDOW_HOURS } = await import('../../../../nodes/DialogportenEventsTrigger/description');
		expect(dedupeWindowProperty.default).toBe(DEFAULT_DEDUPE_WINDOW_HOURS);
	});
});
