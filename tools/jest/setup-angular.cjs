require('jest-preset-angular/setup-env/zoneless').setupZonelessTestEnv();
