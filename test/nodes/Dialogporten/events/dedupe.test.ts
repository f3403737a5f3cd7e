import type { IDataObject } from 'n8n-workflow';
import {
	dedupeMemoryKey,
	EventIdWindow,
	forgetRememberedIds,
} from '../../../../nodes/Dialogporten/events/dedupe';

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
		const window = new EventIdWindow(staticData, HOUR, 0, undefined, 3);
		for (const id of ['1', '2', '3', '4']) window.add(id);
		window.save();
		const reread = new EventIdWindow(staticData, HOUR, 0, undefined, 3);
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
		const staticData: IDataObject = {
			seenEventIds: [['a', 5], 'junk', [1, 2], null] as unknown as IDataObject[],
		};
		const window = new EventIdWindow(staticData, HOUR, 10);
		expect(window.has('a')).toBe(true);
	});
});

describe('EventIdWindow memory in this process', () => {
	it('remembers ids when static data was not saved (n8n reloads it unchanged)', () => {
		const key = dedupeMemoryKey('wf-memory', 'Trigger');
		const first = new EventIdWindow({}, HOUR, 1_000, key);
		first.add('a');
		first.save();
		// The next request gets static data as it was before: the write above was not persisted.
		expect(new EventIdWindow({}, HOUR, 2_000, key).has('a')).toBe(true);
		expect(
			new EventIdWindow({}, HOUR, 2_000, dedupeMemoryKey('other-workflow', 'Trigger')).has('a'),
		).toBe(false);
		expect(new EventIdWindow({}, HOUR, HOUR + 1_001, key).has('a')).toBe(false);
		forgetRememberedIds(key);
		expect(new EventIdWindow({}, HOUR, 2_000, key).has('a')).toBe(false);
	});

	it('merges static data and memory, keeping the first time an id was seen', () => {
		const key = dedupeMemoryKey('wf-merge', 'Trigger');
		const memoryWindow = new EventIdWindow({}, HOUR, 100, key);
		memoryWindow.add('m');
		memoryWindow.save();
		const staticData: IDataObject = {
			seenEventIds: [
				['s', 50],
				['m', 200],
			] as unknown as IDataObject[],
		};
		const merged = new EventIdWindow(staticData, HOUR, 300, key);
		merged.add('n');
		merged.save();
		expect(staticData.seenEventIds).toEqual([
			['s', 50],
			['m', 100],
			['n', 300],
		]);
		forgetRememberedIds(key);
	});
});

describe('dedupe window parameter', () => {
	it('defaults to DEFAULT_DEDUPE_WINDOW_HOURS', async () => {
		const { dedupeWindowProperty, DEFAULT_DEDUPE_WINDOW_HOURS } =
			await import('../../../../nodes/Dialogporten/triggers/fields');
		expect(dedupeWindowProperty.default).toBe(DEFAULT_DEDUPE_WINDOW_HOURS);
	});
});
