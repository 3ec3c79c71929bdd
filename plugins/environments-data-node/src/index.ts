/**
 * Copies and seeds the data of Greenroom environments' databases: the
 * streamed transformer that anonymises a dump by a service's data rules, the
 * dump and restore scripts of each engine, the transformer as one script for
 * a stock Node image (what runtimes' jobs run), and copies on this machine.
 *
 * @packageDocumentation
 */

export * from './contract';
export * from './mysql';
