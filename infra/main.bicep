// Practice Circles: everything one environment needs in one resource group.
// Deployed by the Microsoft 365 Agents Toolkit (`arm/deploy` in m365agents.yml, parameters from
// main.parameters.json) or by hand with `az deployment group create` (see docs/deploy.md).
//
// No secret is created, read or handed out here: the bot and the server authenticate with one
// user-assigned managed identity, Cosmos DB has key auth disabled, and the outputs are ids and URLs.

targetScope = 'resourceGroup'

@minLength(3)
@maxLength(24)
@description('Prefix for every resource name. Lowercase letters and digits only: it becomes the web host name, and Teams on Android needs a lowercase host.')
param resourceBaseName string

@description('Azure region for every regional resource (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 or higher: Always On and the health check need a dedicated plan.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param appServiceSku string = 'B1'

@description('serverless (pay per request, the default) or autoscale (provisioned throughput shared by the database).')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosThroughputMode string = 'serverless'

@description('Ceiling of the shared autoscale throughput in RU/s; used only when cosmosThroughputMode is autoscale.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Point-in-time restore window of the Cosmos DB continuous backup.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous7Days'

@description('Extra Entra object ids (people or groups of operators) that get the Cosmos DB Built-in Data Contributor role, e.g. to use Data Explorer. Empty by default.')
param cosmosExtraDataContributorPrincipalIds array = []

@description('Azure Bot pricing tier. F0 is free and enough for Teams; S1 lifts the message limits of premium channels.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@maxLength(42)
@description('Name shown for the bot in the Azure portal.')
param botDisplayName string = 'Practice Circles'

@description('Teams app id (TEAMS_APP_ID) from the Developer Portal; the server uses it to recognise its own app.')
param teamsAppId string

@description('Client id of the Entra app registration used for Teams SSO (AAD_APP_CLIENT_ID).')
param aadAppClientId string

@description('Tenant of that Entra app registration; the only tenant whose SSO tokens the API accepts.')
param aadAppTenantId string = tenant().tenantId

@description('Command App Service runs to start the server, from the deployed folder.')
param startCommand string = 'node dist/main.js'

@description('Tags applied to every resource.')
param tags object = {}

// Matches DATABASE_NAME in bot/src/store/catalogue.ts (checked by tests/infra).
var cosmosDatabaseName = 'practice-circles'
var allTags = union({ 'app': 'practice-circles' }, tags)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${resourceBaseName}-id'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: '${resourceBaseName}-logs'
    appInsightsName: '${resourceBaseName}-ai'
    location: location
    tags: allTags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: '${resourceBaseName}-cosmos'
    location: location
    databaseName: cosmosDatabaseName
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    backupTier: cosmosBackupTier
    dataContributorPrincipalIds: concat([identity.outputs.principalId], cosmosExtraDataContributorPrincipalIds)
    tags: allTags
  }
}

module web 'modules/web.bicep' = {
  name: 'web'
  params: {
    planName: '${resourceBaseName}-plan'
    siteName: resourceBaseName
    location: location
    sku: appServiceSku
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    identityTenantId: identity.outputs.tenantId
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    teamsAppId: teamsAppId
    aadAppClientId: aadAppClientId
    aadAppTenantId: aadAppTenantId
    startCommand: startCommand
    tags: allTags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: resourceBaseName
    displayName: botDisplayName
    sku: botSku
    endpoint: 'https://${web.outputs.hostName}/api/messages'
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    identityTenantId: identity.outputs.tenantId
    tags: allTags
  }
}

// The Toolkit writes every output below into env/.env.<env>; appPackage/manifest.json and
// infra/aad.manifest.json read them as ${{NAME}}.
output AZURE_APP_SERVICE_RESOURCE_ID string = web.outputs.siteId
output APP_SERVICE_NAME string = web.outputs.siteName
output BOT_ID string = identity.outputs.clientId
output BOT_TENANT_ID string = identity.outputs.tenantId
output BOT_DOMAIN string = web.outputs.hostName
output BOT_ENDPOINT string = 'https://${web.outputs.hostName}'
output TAB_ENDPOINT string = 'https://${web.outputs.hostName}'
output AAD_APP_ID_URI string = 'api://${web.outputs.hostName}/${aadAppClientId}'
output AZURE_BOT_NAME string = bot.outputs.name
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmosDatabaseName
output COSMOS_ACCOUNT_NAME string = cosmos.outputs.accountName
output IDENTITY_CLIENT_ID string = identity.outputs.clientId
output IDENTITY_RESOURCE_ID string = identity.outputs.resourceId
