import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';
import { sameOriginInterceptor } from './api/same-origin';
import { routes } from './app.routes';
import { sessionExpiredInterceptor } from './auth/auth';
import { echarts } from './charts/echarts';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([sameOriginInterceptor, sessionExpiredInterceptor])),
    provideEchartsCore({ echarts }),
  ],
};
