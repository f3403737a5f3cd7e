import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';
import { withDisplayOptions } from '../../../../nodes/Dialogporten/actions/displayOptions';
import { resources } from '../../../../nodes/Dialogporten/actions/resources';

describe('withDisplayOptions', () => {
	const show = { '@version': [2], resource: ['dialog'], operation: ['get'] };

	test("gives what n8n-workflow's updateDisplayOptions gives for every operation's fields", () => {
		let checked = 0;
		for (const table of Object.values(resources))
			for (const row of Object.values(table.operations)) {
				const { properties } = row.operation;
				expect(withDisplayOptions({ show }, properties)).toEqual(
					updateDisplayOptions({ show }, properties),
				);
				checked += properties.length;
			}
		expect(checked).toBeGreaterThan(100);
	});

	test('merges nested options and lists by index, as lodash merge does', () => {
		const properties: INodeProperties[] = [
			{
				displayName: 'A',
				name: 'a',
				type: 'string',
				default: '',
				displayOptions: { show: { api: ['enduser', 'serviceowner'] }, hide: { x: [true] } },
			},
			{ displayName: 'B', name: 'b', type: 'string', default: '' },
		];
		const options = { show: { api: ['serviceowner'], resource: ['dialog'] } };
		expect(withDisplayOptions(options, properties)).toEqual(
			updateDisplayOptions(options, properties),
		);
	});

	test('leaves the input properties untouched', () => {
		const properties: INodeProperties[] = [
			{
				displayName: 'A',
				name: 'a',
				type: 'string',
				default: '',
				displayOptions: { show: { api: ['enduser'] } },
			},
		];
		const [out] = withDisplayOptions({ show: { resource: ['dialog'] } }, properties);
		(out.displayOptions!.show!.api as string[]).push('changed');
		expect(properties[0].displayOptions).toEqual({ show: { api: ['enduser'] } });
	});
});
