// Linux App Service: one Node 22 server hosts the bot endpoint, the tab API and the tab itself.

param planName string
param siteName string
param location string

@description('App Service plan SKU (B1 or higher; Always On is not available on Free/Shared).')
param sku string

param identityResourceId string
param identityClientId string
param identityTenantId string
param cosmosEndpoint string
param cosmosDatabaseName string

@description('Application Insights connection string (an ingestion address, not a credential).')
param appInsightsConnectionString string

param teamsAppId string
param aadAppClientId string
param aadAppTenantId string

@description('Start command, run from the deployed folder.')
param startCommand string

param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: startCommand
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      remoteDebuggingEnabled: false
      webSocketsEnabled: false
    }
  }
}

// Publishing with a user name and password is off: deploy with an Entra sign-in
// (`az webapp deploy`, the Agents Toolkit) instead of basic credentials.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

var publicUrl = 'https://${site.properties.defaultHostName}'

// Set as a separate resource so the values can use the site's own host name. These are ids,
// URLs and switches only; bot/src/config.ts validates them at start-up.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Build on the server from the uploaded, already built folder: production dependencies only.
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
    CUSTOM_BUILD_COMMAND: 'npm ci --omit=dev --no-audit --no-fund'
    NODE_ENV: 'production'
    PUBLIC_URL: publicUrl
    COSMOS_ENDPOINT: cosmosEndpoint
    COSMOS_DATABASE: cosmosDatabaseName
    // Which user-assigned identity DefaultAzureCredential / ManagedIdentityCredential should use.
    AZURE_CLIENT_ID: identityClientId
    MicrosoftAppId: identityClientId
    MicrosoftAppType: 'UserAssignedMSI'
    MicrosoftAppTenantId: identityTenantId
    AAD_APP_CLIENT_ID: aadAppClientId
    AAD_APP_ID_URI: 'api://${site.properties.defaultHostName}/${aadAppClientId}'
    AAD_ALLOWED_TENANT_IDS: aadAppTenantId
    TEAMS_APP_ID: teamsAppId
    // Not a secret: see modules/monitoring.bicep. ~3 turns on the Linux Node.js auto-instrumentation.
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  }
}

output siteId string = site.id
output siteName string = site.name
output hostName string = site.properties.defaultHostName
output publicUrl string = publicUrl
