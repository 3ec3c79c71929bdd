export * from './decidePolicyActions';
export * from './extendedExpiry';
