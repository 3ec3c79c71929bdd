export * from './decidePolicyActions';
