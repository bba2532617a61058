import type { Routes } from '@angular/router';
import { LoginPage } from './auth/login.page';
import { signedIn } from './auth/auth';
import { OverviewPage } from './overview/overview.page';

export const routes: Routes = [
  { path: 'login', component: LoginPage, title: 'Sign in · Uptake' },
  { path: '', component: OverviewPage, canActivate: [signedIn], title: 'Overview · Uptake' },
  { path: '**', redirectTo: '' },
];
