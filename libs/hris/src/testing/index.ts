export * from './hris-stand-in';
