export { ApplicationPage } from './components/application-page';
export { CreateApplication } from './components/create-application';
export { PipelineBoard } from './components/pipeline-board';
