// Altinn Events' entities: CloudEvents, webhook subscriptions and their deliveries, and the
// options that scale the modelled delays.
export interface CloudEvent {
	specversion: '1.0';
	id: string;
	type: string;
	time?: string;
	resource?: string;
	resourceinstance?: string;
	subject?: string;
	source: string;
	data?: Record<string, unknown>;
}

export interface Subscription {
	id: number;
	endPoint: string;
	resourceFilter?: string;
	subjectFilter?: string;
	typeFilter?: string;
	includeSubunits: boolean;
	consumer: string;
	createdBy: string;
	created: string;
	validated: boolean;
}

export interface DeliveryAttempt {
	at: string;
	status?: number;
	error?: string;
}

export interface Delivery {
	id: string;
	subscriptionId: number;
	endPoint: string;
	/** The validation handshake or a CloudEvent. */
	kind: 'validation' | 'event';
	event: CloudEvent;
	attempts: DeliveryAttempt[];
	state: 'pending' | 'delivered' | 'dead-letter' | 'failed';
}

export interface StoredEvent {
	seq: number;
	event: CloudEvent;
	registeredAt: number;
}

export interface EventsOptions {
	/** Delivery retry delays in seconds (documented: 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 12 h). */
	retrySchedule?: number[];
	/** Validation retry delays in seconds. Unconfirmed in the references; defaults to the queue policy in Altinn Events' settings. */
	validationRetrySchedule?: number[];
	/** Subscription-matching cache lifetime in seconds (documented 3600). */
	subscriptionCacheSeconds?: number;
	/** Delay before a published event shows in the polling API, in seconds (documented 30). */
	visibilityDelaySeconds?: number;
	/** Webhook request timeout in milliseconds (unscaled). Default 10 000. */
	requestTimeoutMs?: number;
}
