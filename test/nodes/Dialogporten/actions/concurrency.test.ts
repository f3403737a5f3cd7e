import {
	MAX_CONCURRENCY,
	concurrencyField,
	inLanes,
} from '../../../../nodes/Dialogporten/actions/concurrency';
import { Dialogporten } from '../../../../nodes/Dialogporten/Dialogporten.node';

/** Work that records how many items are in flight and finishes in the order `delays` says. */
function tracked(delays: number[]) {
	let inFlight = 0;
	const seen = { peak: 0, started: [] as number[] };
	const work = async (index: number) => {
		seen.started.push(index);
		inFlight++;
		seen.peak = Math.max(seen.peak, inFlight);
		await new Promise((resolve) => setTimeout(resolve, delays[index] ?? 0));
		inFlight--;
		if (delays[index] < 0) throw new Error(`item ${index} failed`);
		return `result ${index}`;
	};
	return { seen, work };
}

describe('inLanes', () => {
	it('returns the results in index order whatever order they finish in', async () => {
		const delays = [30, 5, 20, 1, 10, 0, 25, 2];
		const { seen, work } = tracked(delays);
		expect(await inLanes(delays.length, 4, work)).toEqual(delays.map((_, i) => `result ${i}`));
		expect(seen.peak).toBe(4);
		expect([...seen.started].sort((a, b) => a - b)).toEqual(delays.map((_, i) => i));
	});

	it('with one lane runs one item at a time, in order', async () => {
		const { seen, work } = tracked([5, 1, 3, 0]);
		await inLanes(4, 1, work);
		expect(seen.peak).toBe(1);
		expect(seen.started).toEqual([0, 1, 2, 3]);
	});

	it('never runs more lanes than items', async () => {
		const { seen, work } = tracked([5, 5]);
		await inLanes(2, 8, work);
		expect(seen.peak).toBe(2);
		expect(await inLanes(0, 8, work)).toEqual([]);
	});

	it('after a failure starts no further item and throws the failure of the lowest index', async () => {
		// Item 3 fails first (after 1 ms), item 2 later (after 20 ms); both are in flight together.
		const failAfter: Record<number, number> = { 2: 20, 3: 1 };
		const started: number[] = [];
		const run = inLanes(10, 4, async (index) => {
			started.push(index);
			await new Promise((resolve) => setTimeout(resolve, failAfter[index] ?? 5));
			if (index in failAfter) throw new Error(`item ${index} failed`);
			return index;
		});
		await expect(run).rejects.toThrow('item 2 failed');
		expect(started).toEqual([0, 1, 2, 3]);
	});
});

describe('the Concurrency parameter', () => {
	it('defaults to 1 and is bounded', () => {
		expect(concurrencyField).toMatchObject({
			name: 'concurrency',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
		});
		expect(MAX_CONCURRENCY).toBe(16);
		const properties = new Dialogporten().description.properties;
		expect(properties.filter((p) => p.name === 'concurrency')).toEqual([concurrencyField]);
	});
});
