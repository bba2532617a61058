import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { UptakeApi } from '../api/uptake-api.service';
import { navigationFor, OrganisationContext } from './organisation-context';

/** The frame of every signed-in page: brand, organisation picker, navigation for the user's role, sign-out. */
@Component({
  selector: 'up-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  private readonly router = inject(Router);
  private readonly api = inject(UptakeApi);
  protected readonly context = inject(OrganisationContext);
  protected readonly navigation = computed(() => navigationFor(this.context.role()));

  protected signOut(): void {
    const toLogin = () => void this.router.navigate(['/login']);
    this.api.logout().subscribe({ complete: toLogin, error: toLogin });
  }
}
