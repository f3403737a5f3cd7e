import { alphabetically } from '../../../../nodes/Dialogporten/helpers/sort';

describe('alphabetically', () => {
	test('orders A to Z ignoring case, as the editor lists options', () => {
		expect(
			['Visible From', 'api Only', 'Due At', 'Is API Only', 'due at'].sort(alphabetically),
		).toEqual(['api Only', 'Due At', 'due at', 'Is API Only', 'Visible From']);
	});

	test('agrees with localeCompare on the names the node sorts', () => {
		const names = [
			'Awaiting',
			'In Progress',
			'Not Applicable',
			'Requires Attention',
			'Completed',
			'Draft',
			'Sent',
			'New',
			'Marked As Unopened',
			'Bin',
			'Archive',
			'Default',
			'Expires At',
			'External Reference',
			'Extended Status',
			'Process',
			'Preceding Process',
			'Search Tags',
			'Service Owner Labels',
		];
		expect([...names].sort(alphabetically)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	test('is 0 only for the same text', () => {
		expect(alphabetically('Bin', 'Bin')).toBe(0);
		expect(alphabetically('bin', 'Bin')).not.toBe(0);
	});
});
