import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { sameOriginInterceptor } from './same-origin';

describe('sameOriginInterceptor', () => {
  beforeEach(() =>
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([sameOriginInterceptor])), provideHttpClientTesting()],
    }),
  );

  it('marks every request to our API, writes and reads, with X-Uptake-Request: 1', () => {
    const http = TestBed.inject(HttpClient);
    const testing = TestBed.inject(HttpTestingController);
    http.post('/api/organisations/o1/sources', {}).subscribe();
    http.get('/api/auth/me').subscribe();
    for (const url of ['/api/organisations/o1/sources', '/api/auth/me']) {
      expect(testing.expectOne(url).request.headers.get('X-Uptake-Request')).toBe('1');
    }
    testing.verify();
  });

  it('never sends it to another origin', () => {
    const http = TestBed.inject(HttpClient);
    const testing = TestBed.inject(HttpTestingController);
    http.get('https://elsewhere.example/api/x').subscribe();
    expect(testing.expectOne('https://elsewhere.example/api/x').request.headers.has('X-Uptake-Request')).toBe(
      false,
    );
  });
});
