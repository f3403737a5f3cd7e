import spec from '@digdir/dialogporten-schema/swagger.verified.json';

import { updateBodyFromDialog } from '../../../../../nodes/Dialogporten/actions/dialog/update.operation';
import { orderByOf } from '../../../../../nodes/Dialogporten/actions/dialog/search.operation';
import { parsePatchValue } from '../../../../../nodes/Dialogporten/actions/dialog/patch.operation';
import { InputValidator } from '../../../../../nodes/Dialogporten/helpers/validation';
import type { ServiceOwnerDialog } from '../../../../../nodes/Dialogporten/helpers/interfaces';

const schemas = (
	spec as unknown as {
		components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
	}
).components.schemas;
const keysOf = (name: string) => Object.keys(schemas[name].properties ?? {}).sort();

describe('updateBodyFromDialog', () => {
	const dialog = {
		id: 'd',
		revision: 'r',
		party: 'p',
		status: 'InProgress',
		isApiOnly: false,
		progress: 10,
		content: {
			title: {
				mediaType: 'text/plain',
				value: [{ languageCode: 'nb', value: 'T' }],
				isAuthorized: true,
			},
			summary: null,
		},
		guiActions: [
			{
				id: 'g',
				action: 'read',
				url: 'https://x',
				priority: 'Primary',
				httpMethod: 'GET',
				isDeleteDialogAction: false,
				isAuthorized: true,
			},
		],
		apiActions: [{ id: 'a', action: 'read', isAuthorized: null, endpoints: [] }],
		activities: [{ id: 'x' }],
		transmissions: [{ id: 'y' }],
		serviceOwnerContext: { revision: 's' },
	} as unknown as ServiceOwnerDialog;

	it('keeps only fields of the update model, dropping activities, transmissions and per-user flags', () => {
		const body = updateBodyFromDialog(dialog);
		const allowed = new Set(keysOf('V1ServiceOwnerDialogsCommandsUpdate_Dialog'));
		for (const key of Object.keys(body)) expect(allowed.has(key)).toBe(true);
		expect(body).not.toHaveProperty('activities');
		expect(body).not.toHaveProperty('transmissions');
		expect(body.guiActions![0]).not.toHaveProperty('isAuthorized');
		expect(body.apiActions![0]).not.toHaveProperty('isAuthorized');
		expect(body.content).toEqual({
			title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'T' }] },
		});
		expect(body).toMatchObject({ status: 'InProgress', isApiOnly: false, progress: 10 });
	});

	it('keys nested objects the way the update model does', () => {
		const guiKeys = new Set(keysOf('V1ServiceOwnerDialogsCommandsUpdate_GuiAction'));
		for (const key of Object.keys(updateBodyFromDialog(dialog).guiActions![0]))
			expect(guiKeys.has(key)).toBe(true);
	});
});

describe('orderByOf', () => {
	const check = new InputValidator({ name: 'n' } as never, 0);
	it('joins sort fields as field_direction, lower-case', () => {
		expect(
			orderByOf(
				{
					values: [
						{ field: 'createdAt', direction: 'asc' },
						{ field: 'dueAt', direction: 'desc' },
					],
				},
				check,
			),
		).toBe('createdat_asc,dueat_desc');
		expect(orderByOf({}, check)).toBeUndefined();
	});
	it('rejects an unknown field', () => {
		expect(() => orderByOf({ values: [{ field: 'title', direction: 'asc' }] }, check)).toThrow(
			'Sort field "title" is not one of the allowed values',
		);
	});
});

describe('parsePatchValue', () => {
	it('parses JSON and keeps other text as a string', () => {
		expect(parsePatchValue('100')).toBe(100);
		expect(parsePatchValue('"100"')).toBe('100');
		expect(parsePatchValue('true')).toBe(true);
		expect(parsePatchValue('{"a":1}')).toEqual({ a: 1 });
		expect(parsePatchValue('Completed')).toBe('Completed');
		expect(parsePatchValue('')).toBe('');
	});
});
