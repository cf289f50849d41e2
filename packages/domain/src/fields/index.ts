/**
 * Custom fields (R-FIELD): field types and definitions, the raw and stored forms of values,
 * checking a value against its field and scope, exact decimals, comparing and showing values.
 */
export * from './decimal.js';
export * from './calendarDate.js';
export * from './currency.js';
export * from './fieldType.js';
export * from './definition.js';
export * from './value.js';
export * from './validate.js';
export * from './compare.js';
export * from './format.js';
