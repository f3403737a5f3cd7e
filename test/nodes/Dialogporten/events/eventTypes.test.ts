import {
	ACTIVITY_EVENT_TYPES,
	ACTIVITY_TYPES,
	ALL_DIALOGPORTEN_EVENT_TYPES,
	eventTypeOptions,
	isSelectedType,
	selectedEventTypes,
} from '../../../../nodes/Dialogporten/events/eventTypes';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('event types', () => {
	it('lists the 6 dialog types and the 17 activity types, one option each plus All', () => {
		expect(ACTIVITY_EVENT_TYPES).toHaveLength(17);
		expect(ALL_DIALOGPORTEN_EVENT_TYPES).toHaveLength(23);
		expect(new Set(ALL_DIALOGPORTEN_EVENT_TYPES).size).toBe(23);
		expect(eventTypeOptions.map((o) => o.value)).toEqual(['*', ...ALL_DIALOGPORTEN_EVENT_TYPES]);
	});

	it('has an activity event type for every activity type in the pinned Dialogporten schema', () => {
		const spec = JSON.parse(
			readFileSync(
				join(
					__dirname,
					'../../../../node_modules/@digdir/dialogporten-schema/swagger.verified.json',
				),
				'utf8',
			).replace(/^\uFEFF/, ''),
		);
		const activityTypes: string[] =
			spec.components.schemas.DialogsEntitiesActivities_DialogActivityType.enum;
		expect(ACTIVITY_TYPES.map((a) => a.activityType).sort()).toEqual([...activityTypes].sort());
		expect(ACTIVITY_EVENT_TYPES).toContain('dialogporten.dialog.activity.created.v1');
		expect(ACTIVITY_EVENT_TYPES).toContain('dialogporten.dialog.activity.dialog-opened.v1');
	});

	it('reads the selection: All or nothing means all', () => {
		expect(selectedEventTypes(['*'])).toBe('all');
		expect(selectedEventTypes([])).toBe('all');
		expect(selectedEventTypes(undefined)).toBe('all');
		expect(selectedEventTypes(['dialogporten.dialog.created.v1', '*'])).toBe('all');
		expect(selectedEventTypes(['b', 'a', 'a'])).toEqual(['a', 'b']);
	});

	it('with All, accepts only Dialogporten types', () => {
		expect(isSelectedType('all', 'dialogporten.dialog.seen.v1')).toBe(true);
		expect(isSelectedType('all', 'app.instance.created')).toBe(false);
		expect(
			isSelectedType(['dialogporten.dialog.created.v1'], 'dialogporten.dialog.updated.v1'),
		).toBe(false);
	});
});
