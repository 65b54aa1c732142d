export { authKeys, meQuery, useMe, useRegistration, useSignOut } from './api/session';
export { SignInForm } from './components/sign-in-form';
export { SignUpForm } from './components/sign-up-form';
