// What every Dialogporten operation shares: the dialog store, the stand-in's context, and what a
// change to a dialog sets off (a new revision, the CloudEvents Dialogporten publishes).
import type { Context } from '../context';
import {
	ACTIVITY_EVENT_NAMES,
	uuidv4,
	uuidv7,
	type Activity,
	type StoredDialog,
	type Transmission,
} from './model';
import { DialogStore } from './store';

export interface DialogEventInput {
	type: string;
	dialog: StoredDialog;
	/** Path below `/api/v1/enduser/dialogs/{id}` for activity and transmission events. */
	subPath?: string;
	data?: Record<string, unknown>;
	/** Event id; defaults to a new UUID (seen events use the seen-log id). */
	id?: string;
}

export type DialogEventSink = (event: DialogEventInput) => void;

export class DialogState {
	readonly store = new DialogStore();
	private sink: DialogEventSink = () => undefined;

	constructor(readonly ctx: Context) {}

	onEvent(sink: DialogEventSink): void {
		this.sink = sink;
	}

	/** A change to the dialog: a later `updatedAt` (strictly increasing) and a new revision. */
	changed(d: StoredDialog, opts: { content?: boolean; at?: number } = {}): void {
		const now = opts.at ?? Date.now();
		d.updatedAt = Math.max(now, d.updatedAt + 1);
		if (opts.content) d.contentUpdatedAt = d.updatedAt;
		d.revision = uuidv4();
		this.store.touched();
	}

	emit(
		type: string,
		d: StoredDialog,
		subPath?: string,
		data?: Record<string, unknown>,
		id?: string,
	): void {
		const base: Record<string, unknown> = {};
		if (d.process) base.process = d.process;
		if (d.precedingProcess) base.precedingProcess = d.precedingProcess;
		const merged = { ...data, ...base };
		this.sink({
			type,
			dialog: d,
			subPath,
			data: Object.keys(merged).length ? merged : undefined,
			id,
		});
	}

	emitActivity(d: StoredDialog, a: Activity): void {
		const data: Record<string, unknown> = { activityId: a.id };
		if (a.extendedType) data.extendedActivityType = a.extendedType;
		this.emit(
			`dialogporten.dialog.activity.${ACTIVITY_EVENT_NAMES[a.type]}.v1`,
			d,
			`/activities/${a.id}`,
			data,
		);
	}

	emitTransmission(d: StoredDialog, t: Transmission): void {
		this.emit('dialogporten.dialog.transmission.created.v1', d, `/transmissions/${t.id}`, {
			senderType: t.sender.actorType,
		});
	}

	/** Appends an activity created outside the API (the correspondence system confirming, tests). */
	addActivity(
		d: StoredDialog,
		activity: Omit<Activity, 'id' | 'createdAt'> & { id?: string; createdAt?: number },
	): Activity {
		const now = Date.now();
		const a: Activity = {
			...activity,
			id: activity.id ?? uuidv7(now),
			createdAt: activity.createdAt ?? now,
		};
		d.details.activities.push(a);
		this.changed(d);
		this.emit('dialogporten.dialog.updated.v1', d);
		this.emitActivity(d, a);
		return a;
	}
}
