export { ExampleLabCard } from './components/example-lab-card';
