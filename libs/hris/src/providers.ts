// The HRIS providers Rolebook takes webhooks from.
export const PROVIDERS = ['standard', 'bamboohr', 'hibob', 'personio', 'merge'] as const;

export type Provider = (typeof PROVIDERS)[number];

export const isProvider = (value: string): value is Provider => (PROVIDERS as readonly string[]).includes(value);
